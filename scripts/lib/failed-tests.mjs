// Prints each failed test of the .trx files given, with the first lines of its message, so the end of a test run
// (all a CI log may keep) names what failed and why.
import { readFileSync } from 'node:fs';

const unescape = (text) => text
  .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

for (const file of process.argv.slice(2)) {
  const xml = readFileSync(file, 'utf8');
  for (const [result] of xml.matchAll(/<UnitTestResult [^>]*outcome="Failed"[\s\S]*?<\/UnitTestResult>/g)) {
    const name = /testName="([^"]*)"/.exec(result)?.[1] ?? '(unnamed)';
    const message = /<Message>([\s\S]*?)<\/Message>/.exec(result)?.[1] ?? '';
    const where = /<StackTrace>([\s\S]*?)<\/StackTrace>/.exec(result)?.[1] ?? '';
    console.log(`FAILED ${unescape(name)}`);
    for (const line of unescape(message).split('\n').slice(0, 12)) console.log(`  ${line}`);
    for (const line of unescape(where).split('\n').filter((l) => l.includes('DeepWorkMap')).slice(0, 4)) console.log(`  ${line.trim()}`);
  }
}
