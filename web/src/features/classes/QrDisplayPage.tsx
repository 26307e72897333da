import { useEffect, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex, Progress, Segmented, Spin, Tooltip } from 'antd';
import { ArrowLeftOutlined, CompressOutlined, ExpandOutlined, LoginOutlined, LogoutOutlined } from '@ant-design/icons';
import QRCode from 'qrcode';
import { useLocale, useT } from '../../i18n';
import { errorText, get, isApiError } from '../../app/api';
import { LocaleSwitch } from '../../app/AppLayout';
import { LogoMark } from '../../app/Logo';
import { classPath, useClassView } from './api';
import { sessionText } from './labels';
import type { QrCode } from './types';

type Kind = 'in' | 'out';

/** When the shown token's slot ends (the server says `refreshAt`; else its validity minus one slot). */
function refreshAtOf(code: QrCode): number {
  if (code.refreshAt) return new Date(code.refreshAt).getTime();
  return new Date(code.validUntil).getTime() - (code.slotSeconds ?? 30) * 1000;
}

/** Ticks every quarter second (for the countdown). */
function useNow(): number {
  const [now, setNow] = useState(() => new Date().getTime());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(new Date().getTime()), 250);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

/**
 * The classroom projector's page: the session's rotating QR code (a new token every 30 s, fetched every few
 * seconds), 签到 / 签退, the countdown, the class and the session. The code holds `scanUrl`: a phone camera opens
 * the worker portal's /scan page, which posts the token.
 */
export default function QrDisplayPage() {
  const t = useT();
  const { locale } = useLocale();
  const { id = '', sessionId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const kind: Kind = params.get('kind') === 'out' ? 'out' : 'in';
  const view = useClassView(id);
  const now = useNow();
  const [image, setImage] = useState<string | null>(null);
  const [fullscreen, setFullscreen] = useState(false);

  const qr = useQuery({
    queryKey: ['classes', 'qr', id, sessionId, kind],
    queryFn: ({ signal }) =>
      get<QrCode>(`${classPath(id)}/sessions/${encodeURIComponent(sessionId)}/qr?kind=${kind}`, signal),
    // Every few seconds, and right after the slot turns (the token changes every 30 s).
    refetchInterval: (query) => {
      if (query.state.error && isApiError(query.state.error) && query.state.error.status < 500) return 15_000;
      const data = query.state.data;
      const turn = data ? refreshAtOf(data) - new Date().getTime() + 250 : 3_000;
      return Math.min(3_000, Math.max(500, turn));
    },
    refetchIntervalInBackground: true,
    refetchOnWindowFocus: true,
    retry: 1,
    staleTime: 0,
  });

  const code = qr.data;
  useEffect(() => {
    if (!code?.scanUrl) return;
    let cancelled = false;
    QRCode.toDataURL(code.scanUrl, { errorCorrectionLevel: 'M', margin: 1, width: 720, color: { dark: '#0b1f3a', light: '#ffffff' } })
      .then((url) => !cancelled && setImage(url))
      .catch(() => !cancelled && setImage(null));
    return () => {
      cancelled = true;
    };
  }, [code?.scanUrl]);

  useEffect(() => {
    const name = view.data?.class.name;
    document.title = `${kind === 'in' ? t('qr.checkIn') : t('qr.checkOut')}${name ? ` · ${name}` : ''} · ${t('app.name')}`;
  }, [view.data, kind, t]);

  useEffect(() => {
    const onChange = () => setFullscreen(Boolean(document.fullscreenElement));
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFullscreen = () => {
    if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
    else void document.documentElement.requestFullscreen?.().catch(() => undefined);
  };

  const slotSeconds = code?.slotSeconds ?? 30;
  const refreshAt = code ? refreshAtOf(code) : null;
  // Past the turn (the next token is on its way): count the next slot down rather than show 0.
  const remaining =
    refreshAt === null
      ? null
      : refreshAt > now
        ? Math.ceil((refreshAt - now) / 1000)
        : slotSeconds - (Math.floor((now - refreshAt) / 1000) % slotSeconds);
  const percent = remaining === null ? 0 : Math.min(100, (remaining / slotSeconds) * 100);

  const cls = view.data?.class;
  const session =
    view.data?.sessions.find((s) => s.id === sessionId) ??
    (code?.session ?? null);

  const error = qr.error ?? (view.error && !view.data ? view.error : null);

  return (
    <div className={`jn-qr-page jn-qr-${kind}`} data-testid="qr-page">
      <header className="jn-qr-top">
        <Flex align="center" gap={12}>
          <LogoMark size={36} />
          <span className="jn-qr-brand">{t('app.fullName')}</span>
        </Flex>
        <Flex align="center" gap={8}>
          <Segmented<Kind>
            size="large"
            value={kind}
            onChange={(k) => setParams((p) => {
              const next = new URLSearchParams(p);
              if (k === 'out') next.set('kind', 'out');
              else next.delete('kind');
              return next;
            }, { replace: true })}
            options={[
              { value: 'in', label: t('qr.checkIn'), icon: <LoginOutlined /> },
              { value: 'out', label: t('qr.checkOut'), icon: <LogoutOutlined /> },
            ]}
            data-testid="qr-kind"
          />
          <Tooltip title={fullscreen ? t('qr.exitFullscreen') : t('qr.fullscreen')}>
            <Button
              type="text"
              className="jn-qr-icon-btn"
              icon={fullscreen ? <CompressOutlined /> : <ExpandOutlined />}
              onClick={toggleFullscreen}
              aria-label={fullscreen ? t('qr.exitFullscreen') : t('qr.fullscreen')}
            />
          </Tooltip>
          <LocaleSwitch className="jn-qr-icon-btn" />
          <Link to={`/classes/${encodeURIComponent(id)}?tab=attendance`}>
            <Button type="text" className="jn-qr-icon-btn" icon={<ArrowLeftOutlined />}>
              {t('qr.back')}
            </Button>
          </Link>
        </Flex>
      </header>

      <main className="jn-qr-main">
        <section className="jn-qr-code-box">
          {error ? (
            <div className="jn-qr-error" role="alert" data-testid="qr-error">
              <div className="jn-qr-error-title">{t('qr.unavailable')}</div>
              <div className="jn-qr-error-text">{errorText(error, locale, t)}</div>
              <Button size="large" onClick={() => void qr.refetch()}>
                {t('common.retry')}
              </Button>
            </div>
          ) : image && code ? (
            <img
              src={image}
              alt={t('qr.alt')}
              className="jn-qr-image"
              data-testid="qr-token"
              data-token={code.token}
              data-url={code.scanUrl}
              data-kind={code.kind}
              data-slot={code.slot}
            />
          ) : (
            <Spin size="large" />
          )}
        </section>
        <section className="jn-qr-info">
          <div className={`jn-qr-kind jn-qr-kind-${kind}`} data-testid="qr-kind-label">
            {kind === 'in' ? t('qr.checkIn') : t('qr.checkOut')}
          </div>
          <div className="jn-qr-class" data-testid="qr-class">
            {cls?.name ?? '…'}
          </div>
          {cls ? <div className="jn-qr-org">{cls.orgName}</div> : null}
          {session ? (
            <div className="jn-qr-session" data-testid="qr-session">
              {t('attendance.sessionNo', { seq: session.seq })} · {sessionText(session.start, session.end)}
            </div>
          ) : null}
          {!error && code ? (
            <Flex align="center" gap={20} className="jn-qr-countdown">
              <Progress
                type="circle"
                percent={percent}
                size={112}
                strokeWidth={9}
                strokeColor={remaining !== null && remaining <= 5 ? '#fa8c16' : '#52c41a'}
                format={() => <span className="jn-qr-seconds" data-testid="qr-countdown">{remaining ?? ''}</span>}
              />
              <div className="jn-qr-countdown-text">
                <div>{t('qr.refreshIn', { seconds: remaining ?? slotSeconds })}</div>
                <div className="jn-qr-small">{t('qr.rotateHint', { seconds: slotSeconds })}</div>
              </div>
            </Flex>
          ) : null}
          <ol className="jn-qr-steps">
            <li>{t('qr.step1')}</li>
            <li>{kind === 'in' ? t('qr.step2in') : t('qr.step2out')}</li>
            <li>{t('qr.step3')}</li>
          </ol>
        </section>
      </main>
    </div>
  );
}
