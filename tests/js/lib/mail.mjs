// Mail as a person reads it: from the test SMTP server's API (smtp4dev, DWM_TEST_SMTP_API).
import { check } from './browser.mjs';

/**
 * The link of mail no. `nth` to `to` whose subject holds `subject`, as the person would click it: the first link whose
 * query has one of `parameters` (e.g. ['verify', 'reset']), checked to lead to `baseUrl`.
 */
export async function mailedLink(baseUrl, to, subject, parameters, nth = 1) {
  const smtpApi = process.env.DWM_TEST_SMTP_API;
  check(smtpApi, 'DWM_TEST_SMTP_API names the SMTP server\'s API');
  const pattern = new RegExp(`https?://\\S+[?&](?:${parameters.join('|')})=[A-Za-z0-9_.-]+`);
  const deadline = Date.now() + 60000;
  for (;;) {
    const page = await (await fetch(`${smtpApi}/api/messages?pageSize=100000`)).json();
    const found = page.results.filter(m => m.to.includes(to) && m.subject.includes(subject))
      .sort((a, b) => a.receivedDate.localeCompare(b.receivedDate));
    if (found.length >= nth) {
      const text = await (await fetch(`${smtpApi}/api/messages/${found[nth - 1].id}/plaintext`)).text();
      const link = text.match(pattern);
      check(link, `a link in the mail: ${text}`);
      check(link[0].startsWith(baseUrl), `the link leads to this server: ${link[0]}`);
      return { link: link[0], text };
    }
    check(Date.now() < deadline, `mail no. ${nth} "${subject}" to ${to} within 60 s`);
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}
