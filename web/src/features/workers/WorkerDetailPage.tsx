import { useNavigate, useParams } from 'react-router-dom';
import { Button, Card, Skeleton } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { isNotFound } from '../../app/api';
import { PageContainer } from '../../app/PageContainer';
import { LoadError, NotFoundResult } from '../../app/results';
import { useWorker } from './api';
import { WorkerProfile } from './WorkerProfile';

export default function WorkerDetailPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const query = useWorker(id);

  if (isNotFound(query.error)) return <NotFoundResult />;

  return (
    <PageContainer
      title={query.data?.name ?? t('workers.detail.title')}
      subTitle={t('workers.detail.title')}
      crumbs={[{ title: t('workers.title'), path: '/workers' }]}
      menuKey="/workers"
      extra={
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(-1)}>
          {t('common.back')}
        </Button>
      }
    >
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
