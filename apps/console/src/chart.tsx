import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';
import { formatNumber, useI18n } from './i18n';

// Only the pieces the console draws: bars and lines. chart.js tree-shakes the rest away.
Chart.register(
  BarController,
  BarElement,
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Legend,
  Tooltip,
);

export type Series = { label: string; values: number[]; color: string; kind?: 'bar' | 'line' };

export const PALETTE = ['#1f5f99', '#e08a00', '#b3261e', '#5b3f8c', '#2e7d32', '#00838f'];

/**
 * A chart with its numbers also given as a table (for screen readers and for copying), under a
 * disclosure. `stacked` stacks the bar series.
 */
export const ChartFigure = ({
  title,
  labels,
  series,
  stacked = false,
  height = 320,
  format,
  labelHeading,
}: {
  title: string;
  labelHeading: string;
  labels: string[];
  series: Series[];
  stacked?: boolean;
  height?: number;
  format?: (value: number) => string;
}) => {
  const { t, lang } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const show = format ?? ((value: number) => formatNumber(value, lang));
  useEffect(() => {
    if (canvas.current === null) return;
    const config: ChartConfiguration = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          type: s.kind ?? 'bar',
          label: s.label,
          data: s.values,
          backgroundColor: s.color,
          borderColor: s.color,
          borderWidth: s.kind === 'line' ? 2 : 0,
          pointRadius: s.kind === 'line' ? 2 : undefined,
        })),
      },
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        locale: lang === 'fr' ? 'fr-FR' : 'en-US',
        scales: { x: { stacked }, y: { stacked, beginAtZero: true } },
        plugins: { legend: { position: 'bottom' } },
      },
    };
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [labels, series, stacked, lang]);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <div style={{ position: 'relative', height }}>
        <canvas ref={canvas} role="img" aria-label={title} />
      </div>
      <details>
        <summary>{t('dataTable')}</summary>
        <table>
          <thead>
            <tr>
              <th scope="col">{labelHeading}</th>
              {series.map((s) => (
                <th scope="col" key={s.label}>
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.label} className="num">
                    {show(s.values[i] ?? 0)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
};
