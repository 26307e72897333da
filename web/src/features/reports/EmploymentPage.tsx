import { PageContainer } from '../../app/PageContainer';

/** Placeholder: being built (issue #6). */
export default function EmploymentPage() {
  return <PageContainer title="就业信息">{null}</PageContainer>;
}
