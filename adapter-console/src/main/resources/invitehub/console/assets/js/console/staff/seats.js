import { t } from '../../core/i18n.js';

/**
 * Seats per team group from the teams list: in use = reserved (live invitations) + external members (SPEC section 2),
 * free = what an ACTIVE team still offers (a paused or refused team offers none). Teams without a group form their own row.
 */
export function teamGroupSeats(teams, groups) {
  const rows = new Map();
  const row = (key, name, waiting) => {
    if (!rows.has(key)) {
      rows.set(key, { key, name, teams: 0, used: 0, free: 0, max: 0, waiting });
    }
    return rows.get(key);
  };
  for (const g of groups) {
    row(String(g.id), g.name, g.waiting);
  }
  for (const team of teams) {
    const r = team.group_id === null ? row('none', t('teams.noGroup'), null) : row(String(team.group_id), `#${team.group_id}`, null);
    r.teams += 1;
    r.used += team.seats_reserved + team.external_seats;
    r.max += team.max_seats;
    r.free += team.status === 'ACTIVE' ? Math.max(0, team.free_seats) : 0;
  }
  return [...rows.values()].filter((r) => r.teams > 0 || r.waiting > 0);
}

/** Seats per group as a horizontal stacked bar: in use and free. */
export function seatsOption(rows) {
  const ordered = [...rows].reverse();
  return {
    color: ['#1677ff', '#b7eb8f'],
    animationDuration: 500,
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, icon: 'roundRect' },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: ordered.map((r) => r.name), axisTick: { show: false } },
    series: [
      { id: 'used', name: t('seats.inUse'), type: 'bar', stack: 'seats', data: ordered.map((r) => r.used), barMaxWidth: 18 },
      { id: 'free', name: t('seats.free'), type: 'bar', stack: 'seats', data: ordered.map((r) => r.free), barMaxWidth: 18 },
    ],
  };
}
