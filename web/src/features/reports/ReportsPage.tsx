import { PageContainer } from '../../app/PageContainer';

/** Placeholder: being built (issue #6). */
export default function ReportsPage() {
  return <PageContainer title="统计报表">{null}</PageContainer>;
}
