// "My focus": the last 30 days as a chart (Chart.js, loaded the first time it is opened) and a table with the
// same figures, the streak, and this week's leaderboard with the people the user follows.
import { api, describe } from './api.js';
import { $, el, plural, say } from './dom.js';
import { openDialog } from './layout.js';
import { loadScript } from './lazy.js';

/** @type {any} */ let chart = null;

export function setUpStats() {
  $('stats-button').addEventListener('click', () => { openDialog('stats-dialog'); loadStats(); });
  $('stats-refresh').addEventListener('click', loadStats);
}

async function loadStats() {
  try {
    /** @type {[FocusStats, Leaderboard]} */
    const [stats, board] = await Promise.all([api('GET', '/api/me/stats'), api('GET', '/api/me/leaderboard')]);
    say('stats-summary', `Streak: ${plural(stats.currentStreak, 'day')} (best ${stats.bestStreak}). `
      + `${plural(stats.totalMinutes, 'focused minute')} in the last 30 days. A day with ${stats.streakMinutes} focused minutes keeps a streak going.`
      + (stats.hidden ? ' Only you see these.' : ''));
    $('stats-days').replaceChildren(...stats.days.map((day, i) =>
      el('tr', { 'data-testid': 'stats-day' }, el('td', {}, i === stats.days.length - 1 ? `${day.date} (today)` : day.date), el('td', {}, String(day.focusedMinutes)))));
    $('leaderboard').replaceChildren(...board.entries.map(entry => el('li', { 'data-testid': 'leaderboard-entry', class: entry.me ? 'me' : '' },
      `${entry.rank}. ${entry.user.displayName}${entry.me ? ' (you)' : ''}: ${plural(entry.focusedMinutes, 'minute')}`)));
    $('leaderboard-hint').hidden = board.entries.length > 1;
    await drawChart(stats);
  } catch (error) {
    say('stats-summary', `Could not load your focus: ${describe(error)}`, 'error');
  }
}

/** Day labels a week apart counted back from today, so today is always labelled. */
const label = (/** @type {FocusStats} */ stats, /** @type {number} */ i) => {
  const fromToday = stats.days.length - 1 - i;
  return fromToday === 0 ? 'Today' : fromToday % 7 === 0 ? stats.days[i].date.slice(5) : '';
};

async function drawChart(/** @type {FocusStats} */ stats) {
  // The table holds the same figures when the chart cannot load.
  await loadScript('/vendor/chartjs/chart.umd.min.js').catch(() => {});
  if (!('Chart' in window)) return;
  const data = {
    labels: stats.days.map(day => day.date),
    datasets: [{
      label: 'Focused minutes',
      data: stats.days.map(day => day.focusedMinutes),
      backgroundColor: stats.days.map(day => (day.focusedMinutes >= stats.streakMinutes ? '#2f855a' : '#718096')),
    }],
  };
  const ticks = { autoSkip: false, maxRotation: 0, callback: (/** @type {any} */ _value, /** @type {number} */ i) => label(stats, i) };
  if (chart) { chart.data = data; chart.options.scales.x.ticks = ticks; chart.update(); return; }
  chart = new Chart($('stats-chart'), {
    type: 'bar',
    data,
    options: {
      animation: false, responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false } },
      scales: { x: { ticks }, y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
    },
  });
}
