import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiGet, withQuery } from '../api';
import { ChartFigure, PALETTE } from '../chart';
import { formatUsd, useI18n } from '../i18n';
import { DataTable, Field, Loading, Page, ProblemAlert } from '../ui';

const BUCKETS = ['0-90', '91-180', '181-365', 'over-365'] as const;
type Aging = Record<(typeof BUCKETS)[number], string>;
type ContributorPayable = {
  contributor: string;
  certified: string;
  paid: string;
  outstanding: string;
  credits: string;
  owed: string;
  aging: Aging;
};
export type PayablesReport = {
  asOf: string;
  owed: string;
  certified: string;
  paid: string;
  contributors: ContributorPayable[];
};

/** How many contributors the chart shows (the largest debts); the table lists every one. */
const CHART_CONTRIBUTORS = 15;

/** The finance officer's view of what is owed, by contributor, with the age of the debt as a chart. */
export const PayablesScreen = () => {
  const { t, lang } = useI18n();
  const [asOfInput, setAsOfInput] = useState('');
  const [asOf, setAsOf] = useState('');
  const report = useQuery({
    queryKey: ['payables', asOf],
    queryFn: () => apiGet<PayablesReport>(withQuery('/v1/reports/payables', { asOf })),
  });
  const chart = useMemo(() => {
    const top = (report.data?.contributors ?? [])
      .filter((c) => c.owed !== '0.00')
      .slice(0, CHART_CONTRIBUTORS);
    return {
      labels: top.map((c) => c.contributor),
      // Chart heights only: the amounts themselves stay decimal strings everywhere else.
      series: BUCKETS.map((bucket, i) => ({
        label: t(`aging.${bucket}`),
        values: top.map((c) => Number(c.aging[bucket])),
        color: PALETTE[i] ?? '#666',
      })),
    };
  }, [report.data, t]);
  return (
    <Page title={t('payablesTitle')}>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault();
          setAsOf(asOfInput);
        }}
      >
        <Field
          label={t('asOf')}
          name="asOf"
          type="date"
          value={asOfInput}
          onChange={setAsOfInput}
          error={report.error}
        />
        <button type="submit">{t('show')}</button>
      </form>
      <ProblemAlert error={report.error} shownFields={['asOf']} />
      {report.isPending && <Loading />}
      {report.data !== undefined && (
        <>
          <p className="headline">
            {t('totalOwed', { asOf: report.data.asOf, amount: formatUsd(report.data.owed, lang) })}
          </p>
          <ChartFigure
            title={t('payablesChart')}
            labelHeading={t('contributor')}
            labels={chart.labels}
            series={chart.series}
            stacked
            format={(value) => formatUsd(value.toFixed(2), lang)}
          />
          <DataTable
            caption={t('screen.payables')}
            rows={report.data.contributors}
            rowKey={(c) => c.contributor}
            columns={[
              { key: 'contributor', heading: t('contributor'), cell: (c) => c.contributor },
              { key: 'certified', heading: t('certified'), money: (c) => c.certified },
              { key: 'paid', heading: t('paid'), money: (c) => c.paid },
              { key: 'credits', heading: t('credits'), money: (c) => c.credits },
              { key: 'owed', heading: t('owed'), money: (c) => c.owed },
              ...BUCKETS.map((bucket) => ({
                key: bucket,
                heading: t(`aging.${bucket}`),
                money: (c: ContributorPayable) => c.aging[bucket],
              })),
            ]}
          />
        </>
      )}
    </Page>
  );
};
