import { Card, Skeleton } from 'antd';
import { useT } from '../../i18n';
import { isNotFound } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useWorker } from './api';
import { WorkerProfile } from './WorkerProfile';

/** A worker's own record: /api/workers/{Me.workerId}. */
export default function MyProfilePage() {
  const t = useT();
  const me = useMe();
  const query = useWorker(me.workerId);

  if (!me.workerId || isNotFound(query.error)) return <NotFoundResult />;

  return (
    <PageContainer title={t('workers.me.title')} subTitle={t('workers.me.subtitle')}>
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data ? (
        <WorkerProfile worker={query.data} />
      ) : (
        <Card variant="borderless" className="jn-card">
          <Skeleton active avatar paragraph={{ rows: 4 }} />
        </Card>
      )}
    </PageContainer>
  );
}
