// The one place chart.js is registered: only the pieces DL Lab's charts use (tree-shaken), and the
// defaults every chart shares — no animation (live data arrives ~12 times a second), no responsive
// re-animation, fonts that carry Hangul.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Decimation,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Tooltip,
} from 'chart.js';

Chart.register(
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  BarController,
  BarElement,
  LinearScale,
  LogarithmicScale,
  CategoryScale,
  Tooltip,
  Decimation,
);

Chart.defaults.animation = false;
Chart.defaults.responsive = true;
Chart.defaults.maintainAspectRatio = false;
// The page's --font replaces this once a chart is made (theme.font); until then, the bundled faces.
Chart.defaults.font.family = "'Noto Sans KR', 'Noto Sans JP', 'Noto Sans SC', system-ui, sans-serif";
Chart.defaults.font.size = 11;
Chart.defaults.plugins.tooltip.animation = false;

export { Chart };
export type { ChartConfiguration, ChartDataset, ChartOptions, Plugin, Point, ScaleOptionsByType, TooltipItem } from 'chart.js';
