import { t } from '../core/i18n.js';
import { number, shortDay } from '../core/format.js';

/**
 * ECharts, loaded only by the pages that draw (1 MB: the sign-in page never waits for it). Each chart
 * follows its container's size; {@code getOption()} on the instance is what the browser tests read.
 */
let echartsModule = null;

export async function echarts() {
  echartsModule ??= await import('echarts');
  return echartsModule;
}

export async function drawChart(container, option) {
  const lib = await echarts();
  let chart = lib.getInstanceByDom(container);
  if (!chart) {
    chart = lib.init(container, null, { renderer: 'canvas' });
    new ResizeObserver(() => chart.resize()).observe(container);
  }
  chart.setOption(option, true);
  return chart;
}

/**
 * Draws the element's charts, a chart selector → its ECharts option, once their containers are rendered; then
 * marks the element ready (data-ready, which the browser tests wait for).
 */
export async function drawCharts(element, charts) {
  await Promise.all(Object.entries(charts).map(([selector, option]) => {
    const container = element.querySelector(selector);
    return container ? drawChart(container, option) : null;
  }));
  element.dataset.ready = 'true';
}

export function disposeChart(container) {
  if (container && echartsModule) {
    echartsModule.getInstanceByDom(container)?.dispose();
  }
}

const FONT = "-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'PingFang SC', 'Microsoft YaHei', 'WenQuanYi Zen Hei', sans-serif";
const COLORS = ['#1677ff', '#722ed1', '#52c41a', '#ff4d4f'];
const ANIMATION_MS = 500;

/** The 30-day trend: one line per measure, one tooltip per day. */
export function trendOption(days) {
  const measures = ['redeemed', 'invited', 'accepted', 'removed'];
  return {
    color: COLORS,
    animationDuration: ANIMATION_MS,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis' },
    legend: { top: 0, icon: 'roundRect' },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', boundaryGap: false, data: days.map((d) => shortDay(d.date)), axisTick: { show: false } },
    yAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    series: measures.map((m) => ({
      id: m, name: t(`trend.${m}`), type: 'line', smooth: 0.3, symbolSize: 5, data: days.map((d) => d[m]),
    })),
  };
}

/** Codes by status: active / depleted / disabled / expired, with counts and percentages. */
export function codeStatusOption(summary) {
  const buckets = [
    ['active', summary.active_codes, '#52c41a'],
    ['depleted', summary.depleted_codes, '#faad14'],
    ['disabled', summary.inactive_codes, '#bfbfbf'],
    ['expired', summary.expired_codes, '#ff4d4f'],
  ];
  return {
    animationDuration: ANIMATION_MS,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'item', valueFormatter: (v) => number(v) },
    legend: { bottom: 0, icon: 'circle' },
    series: [{
      id: 'codes', name: t('dashboard.codeStatus'), type: 'pie', radius: ['45%', '70%'], center: ['50%', '45%'],
      avoidLabelOverlap: true, itemStyle: { borderColor: '#fff', borderWidth: 2 },
      label: { formatter: '{b}\n{c} ({d}%)' },
      // an empty slice keeps its legend entry but no label pointing at nothing
      data: buckets.map(([key, value, color]) => ({
        name: t(`codeStatus.${key}`), value, itemStyle: { color }, label: { show: value > 0 }, labelLine: { show: value > 0 },
      })),
    }],
  };
}

/** Plans ranked: bought, redeemed and accepted per plan, the best at the top. */
export function planRankingOption(plans) {
  const ordered = [...plans].reverse();
  return {
    color: ['#1677ff', '#13c2c2', '#52c41a'],
    animationDuration: ANIMATION_MS,
    textStyle: { fontFamily: FONT },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    legend: { top: 0, icon: 'roundRect' },
    grid: { left: 8, right: 24, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'value', minInterval: 1, splitLine: { lineStyle: { type: 'dashed' } } },
    yAxis: { type: 'category', data: ordered.map((p) => p.plan_name), axisTick: { show: false } },
    series: [
      { id: 'bought', name: t('ranking.codesBought'), type: 'bar', data: ordered.map((p) => p.codes_bought), barMaxWidth: 14 },
      { id: 'redeemed', name: t('ranking.codesRedeemed'), type: 'bar', data: ordered.map((p) => p.codes_redeemed), barMaxWidth: 14 },
      { id: 'accepted', name: t('ranking.membersAccepted'), type: 'bar', data: ordered.map((p) => p.members_accepted), barMaxWidth: 14 },
    ],
  };
}
