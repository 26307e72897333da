import { Alert, Button, Card, Result } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useLocale, useT } from '../i18n';
import { errorText, isApiError } from './api';
import { useAuth } from './auth';
import { landingPath } from './nav';

function HomeButton() {
  const t = useT();
  const navigate = useNavigate();
  const { me } = useAuth();
  return (
    <Button type="primary" onClick={() => navigate(me ? landingPath(me) : '/')}>
      {t('common.backHome')}
    </Button>
  );
}

export function ForbiddenResult() {
  const t = useT();
  return (
    <Card variant="borderless" className="jn-result-card">
      <Result
        status="403"
        data-testid="result-403"
        title={t('result.403.title')}
        subTitle={t('result.403.subTitle')}
        extra={<HomeButton />}
      />
    </Card>
  );
}

export function NotFoundResult() {
  const t = useT();
  return (
    <Card variant="borderless" className="jn-result-card">
      <Result
        status="404"
        data-testid="result-404"
        title={t('result.404.title')}
        subTitle={t('result.404.subTitle')}
        extra={<HomeButton />}
      />
    </Card>
  );
}

/** Inline error for a failed load, with the server's message and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const { locale } = useLocale();
  const requestId = isApiError(error) ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      title={t('error.loadFailed')}
      description={
        <>
          <div>{errorText(error, locale, t)}</div>
          {requestId ? <div className="jn-muted">{t('error.requestId', { id: requestId })}</div> : null}
        </>
      }
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
