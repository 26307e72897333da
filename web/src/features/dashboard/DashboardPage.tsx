import { PageContainer } from '../../app/PageContainer';

/** Placeholder: being built (issue #6). */
export default function DashboardPage() {
  return <PageContainer title="数据看板">{null}</PageContainer>;
}
