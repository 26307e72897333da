import { PageContainer } from '../../app/PageContainer';

/** Placeholder: being built (issue #6). */
export default function TargetsPage() {
  return <PageContainer title="目标任务">{null}</PageContainer>;
}
