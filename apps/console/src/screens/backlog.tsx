import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiGet, withQuery } from '../api';
import { ChartFigure, PALETTE } from '../chart';
import { formatNumber, useI18n } from '../i18n';
import { Field, Loading, Page, ProblemAlert } from '../ui';

type BacklogSeries = {
  from: string;
  to: string;
  points: {
    month: string;
    deployedUnits: number;
    pendingSignature: number;
    pendingSignatureBeforeDeployment: number;
  }[];
};
type DaysToSignature = {
  years: { year: number; signed: number; averageDays: number; medianDays: number; maxDays: number }[];
};

const DEFAULT_FROM = '2017-01';
const DEFAULT_TO = '2019-12';

/** The clerk's charts: the backlog month by month, and days to signature by year. */
export const BacklogScreen = () => {
  const { t, lang } = useI18n();
  const [form, setForm] = useState({ from: DEFAULT_FROM, to: DEFAULT_TO, mission: '' });
  const [query, setQuery] = useState(form);
  const series = useQuery({
    queryKey: ['backlog-series', query],
    queryFn: () => apiGet<BacklogSeries>(withQuery('/v1/reports/mou-backlog/series', query)),
  });
  const days = useQuery({
    queryKey: ['days-to-signature', query.mission],
    queryFn: () =>
      apiGet<DaysToSignature>(withQuery('/v1/reports/days-to-signature', { mission: query.mission })),
  });
  const backlogChart = useMemo(() => {
    const points = series.data?.points ?? [];
    return {
      labels: points.map((p) => p.month),
      series: [
        {
          label: t('pendingSignature'),
          values: points.map((p) => p.pendingSignature),
          color: PALETTE[2]!,
          kind: 'bar' as const,
        },
        {
          label: t('pendingBeforeDeployment'),
          values: points.map((p) => p.pendingSignatureBeforeDeployment),
          color: PALETTE[1]!,
          kind: 'bar' as const,
        },
        {
          label: t('deployedUnits'),
          values: points.map((p) => p.deployedUnits),
          color: PALETTE[0]!,
          kind: 'line' as const,
        },
      ],
    };
  }, [series.data, t]);
  const daysChart = useMemo(() => {
    const years = days.data?.years ?? [];
    return {
      labels: years.map((y) => String(y.year)),
      series: [
        { label: t('averageDays'), values: years.map((y) => y.averageDays), color: PALETTE[0]! },
        { label: t('medianDays'), values: years.map((y) => y.medianDays), color: PALETTE[1]! },
      ],
    };
  }, [days.data, t]);
  const set = (key: keyof typeof form) => (value: string) => setForm({ ...form, [key]: value });
  return (
    <Page title={t('backlogTitle')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setQuery(form);
        }}
      >
        <Field
          label={t('from')}
          name="from"
          value={form.from}
          onChange={set('from')}
          error={series.error}
          placeholder="2019-01"
        />
        <Field
          label={t('to')}
          name="to"
          value={form.to}
          onChange={set('to')}
          error={series.error}
          placeholder="2019-12"
        />
        <Field
          label={`${t('mission')} ${t('optional')}`}
          name="mission"
          value={form.mission}
          onChange={set('mission')}
          error={series.error}
          placeholder="MINUSMA"
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ProblemAlert error={series.error} shownFields={['from', 'to', 'mission']} />
      {series.isPending && <Loading />}
      {series.data !== undefined && (
        <ChartFigure
          title={t('backlogChart')}
          labelHeading={t('month')}
          labels={backlogChart.labels}
          series={backlogChart.series}
        />
      )}
      <h2>{t('daysTitle')}</h2>
      <ProblemAlert error={days.error} />
      {days.isPending && <Loading />}
      {days.data !== undefined && (
        <>
          <ChartFigure
            title={t('daysChart')}
            labelHeading={t('year')}
            labels={daysChart.labels}
            series={daysChart.series}
            height={260}
          />
          <table className="data">
            <caption>{t('daysTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('year')}</th>
                <th scope="col">{t('signedCount')}</th>
                <th scope="col">{t('averageDays')}</th>
                <th scope="col">{t('medianDays')}</th>
                <th scope="col">{t('maxDays')}</th>
              </tr>
            </thead>
            <tbody>
              {days.data.years.map((y) => (
                <tr key={y.year}>
                  <th scope="row">{y.year}</th>
                  <td className="num">{y.signed}</td>
                  <td className="num">{formatNumber(y.averageDays, lang)}</td>
                  <td className="num">{formatNumber(y.medianDays, lang)}</td>
                  <td className="num">{y.maxDays}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </Page>
  );
};
