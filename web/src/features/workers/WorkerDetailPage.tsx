import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Flex, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { isNotFound } from '../../app/api';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useArchive } from './api';
import { ArchiveActions, WorkerArchiveView } from './WorkerArchiveView';
import { WorkerFormModal } from './WorkerFormModal';

/** /workers/:id — the worker's electronic training archive (职业培训电子档案). */
export default function WorkerDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const query = useArchive(id);
  const [editing, setEditing] = useState(false);

  if (isNotFound(query.error)) return <NotFoundResult />;
  const archive = query.data;

  return (
    <PageContainer
      title={archive?.worker.name ?? t('archive.title')}
      subTitle={t('archive.title')}
      crumbs={[{ title: t('workers.title'), path: '/workers' }]}
      menuKey="/workers"
      extra={
        <Flex gap={8} wrap>
          <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
            {t('common.back')}
          </Button>
          {archive ? <ArchiveActions archive={archive} onEdit={() => setEditing(true)} /> : null}
        </Flex>
      }
    >
      {query.isError ? (
        <LoadError error={query.error} onRetry={() => void query.refetch()} />
      ) : archive ? (
        <>
          <WorkerArchiveView key={archive.worker.id} archive={archive} />
          {archive.canWrite ? (
            <WorkerFormModal open={editing} onClose={() => setEditing(false)} worker={archive.worker} />
          ) : null}
        </>
      ) : (
        <Card variant="borderless" className="jn-card">
          <Skeleton active avatar paragraph={{ rows: 4 }} />
        </Card>
      )}
    </PageContainer>
  );
}
