import { Avatar, Card, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useT } from '../../i18n';
import { ageFrom } from '../../app/format';
import { useUnitLabel } from '../../app/units';
import type { WorkerRow } from '../../app/types';

/** A worker's record: header card plus the basic-information description list. */
export function WorkerProfile({ worker }: { worker: WorkerRow }) {
  const t = useT();
  const unitLabel = useUnitLabel();
  const age = ageFrom(worker.birthDate);
  const unit = unitLabel(worker.unitCode, worker.unitName, worker.unitNameEn);
  return (
    <Flex vertical gap={16}>
      <Card variant="borderless" className="jn-card">
        <Flex align="center" gap={20} wrap>
          <Avatar size={64} icon={<UserOutlined />} className={worker.gender === 'F' ? 'jn-avatar-f' : 'jn-avatar-m'} />
          <div>
            <Space size={12} align="center" wrap>
              <Typography.Title level={4} style={{ margin: 0 }} data-testid="worker-name">
                {worker.name}
              </Typography.Title>
              <Tag color={worker.gender === 'F' ? 'magenta' : 'blue'}>{t(`workers.gender.${worker.gender}`)}</Tag>
              {age !== null ? <Tag>{t('workers.ageValue', { age })}</Tag> : null}
            </Space>
            <div className="jn-profile-meta">
              <Typography.Text type="secondary">
                <EnvironmentOutlined />{' '}
                {worker.townshipName ? t('workers.location', { unit, township: worker.townshipName }) : unit}
              </Typography.Text>
            </div>
          </div>
        </Flex>
      </Card>
      <Card
        variant="borderless"
        className="jn-card"
        title={t('workers.detail.basic')}
        extra={
          <Typography.Text type="secondary" className="jn-small">
            <SafetyCertificateOutlined /> {t('workers.detail.masking')}
          </Typography.Text>
        }
      >
        <Descriptions
          bordered
          size="middle"
          column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 3, xxl: 3 }}
          items={[
            { key: 'name', label: t('workers.col.name'), children: worker.name },
            { key: 'gender', label: t('workers.col.gender'), children: t(`workers.gender.${worker.gender}`) },
            { key: 'birthDate', label: t('workers.col.birthDate'), children: worker.birthDate },
            {
              key: 'idNumber',
              label: t('workers.col.idNumber'),
              children: <span className="jn-mono">{worker.idNumberMasked}</span>,
            },
            {
              key: 'phone',
              label: t('workers.col.phone'),
              children: worker.phoneMasked ? <span className="jn-mono">{worker.phoneMasked}</span> : t('common.none'),
            },
            { key: 'age', label: t('workers.col.age'), children: age !== null ? t('workers.ageValue', { age }) : t('common.none') },
            { key: 'unit', label: t('workers.col.unit'), children: unit },
            { key: 'township', label: t('workers.col.township'), children: worker.townshipName ?? t('common.none') },
          ]}
        />
      </Card>
    </Flex>
  );
}
