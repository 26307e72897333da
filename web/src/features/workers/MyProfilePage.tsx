import { Card, Flex, Skeleton } from 'antd';
import { useT } from '../../i18n';
import { isNotFound } from '../../app/api';
import { useMe } from '../../app/auth';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useArchive } from './api';
import { ArchiveActions, WorkerArchiveView } from './WorkerArchiveView';

/** A worker's own archive: /api/workers/{Me.workerId}/archive, the same view officials see. */
export default function MyProfilePage() {
  const t = useT();
  const me = useMe();
  const query = useArchive(me.workerId);

  if (!me.workerId || isNotFound(query.error)) return <NotFoundResult />;
  const archive = query.data;

  return (
    <PageContainer
      title={t('workers.me.title')}
      subTitle={t('workers.me.subtitle')}
      extra={
        archive ? (
          <Flex gap={8} wrap>
            <ArchiveActions archive={archive} />
          </Flex>
        ) : null
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : archive ? (
        <WorkerArchiveView key={archive.worker.id} archive={archive} />
      ) : (
        <Card variant="borderless" className="jn-card">
          <Skeleton active avatar paragraph={{ rows: 4 }} />
        </Card>
      )}
    </PageContainer>
  );
}
