import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Input, Result, Typography } from 'antd';
import { CameraOutlined, CheckCircleFilled, CloseCircleFilled, ReadOutlined, ScanOutlined, StopOutlined } from '@ant-design/icons';
import { useLocale, useT } from '../../i18n';
import { errorText, isApiError, post } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { PageContainer } from '../../app/PageContainer';
import type { ScanResult } from '../classes/types';

/** The token of a scanned text: the `t` parameter of a scan URL, else the text itself. */
export function tokenOf(text: string): string {
  const trimmed = text.trim();
  try {
    const url = new URL(trimmed);
    const t = url.searchParams.get('t');
    if (t) return t;
  } catch {
    // not a URL: the bare token
  }
  return trimmed;
}

type Detector = { detect: (source: CanvasImageSource) => Promise<{ rawValue: string }[]> };
type DetectorCtor = new (options?: { formats?: string[] }) => Detector;

function barcodeDetector(): DetectorCtor | null {
  const ctor = (window as unknown as { BarcodeDetector?: DetectorCtor }).BarcodeDetector;
  return typeof ctor === 'function' && Boolean(navigator.mediaDevices?.getUserMedia) ? ctor : null;
}

/**
 * 扫码签到: the phone camera opened the classroom QR code's link (/scan?t=…); the token is posted at once and
 * the answer shown big. A token can also be pasted, or — where the browser has BarcodeDetector — scanned here.
 */
export default function ScanPage() {
  const t = useT();
  const { locale } = useLocale();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const fromUrl = params.get('t');
  const [typed, setTyped] = useState('');
  const [scanning, setScanning] = useState(false);
  const posted = useRef<string | null>(null);

  const scan = useMutation({
    mutationFn: (token: string) => post<ScanResult>('/api/me/attendance', { token }),
    onSuccess: async () => {
      setTyped('');
      await queryClient.invalidateQueries({ queryKey: ['me'] });
    },
  });
  const { mutate } = scan;

  const submit = useCallback(
    (text: string) => {
      const token = tokenOf(text);
      if (!token) return;
      mutate(token);
    },
    [mutate],
  );

  // The link's token is posted once, then dropped from the address (a reload must not post it again).
  useEffect(() => {
    if (!fromUrl || posted.current === fromUrl) return;
    posted.current = fromUrl;
    submit(fromUrl);
    setParams(
      (p) => {
        const next = new URLSearchParams(p);
        next.delete('t');
        return next;
      },
      { replace: true },
    );
  }, [fromUrl, submit, setParams]);

  const result = scan.data;
  const error = scan.error;
  const canCamera = barcodeDetector() !== null;

  return (
    <PageContainer title={t('scan.title')} subTitle={t('scan.subtitle')} menuKey="/scan">
      <Flex vertical gap={16} className="jn-scan">
        {scan.isPending ? (
          <Card variant="borderless" className="jn-card">
            <Result icon={<ScanOutlined spin />} title={t('scan.posting')} />
          </Card>
        ) : result ? (
          <Card variant="borderless" className="jn-card jn-scan-result jn-scan-ok" data-testid="scan-success">
            <Result
              icon={<CheckCircleFilled />}
              status="success"
              title={<span className="jn-scan-title">{result.kind === 'out' ? t('scan.okOut') : t('scan.okIn')}</span>}
              subTitle={
                <Flex vertical gap={6} className="jn-scan-facts">
                  <span className="jn-scan-class" data-testid="scan-class">
                    {result.className}
                  </span>
                  <span>{t('attendance.sessionNo', { seq: result.seq })}</span>
                  <span className="jn-scan-time">{t('scan.at', { at: formatDateTime(result.at, locale) })}</span>
                </Flex>
              }
              extra={
                <Link to="/me/classes">
                  <Button type="primary" size="large" icon={<ReadOutlined />}>
                    {t('scan.myClasses')}
                  </Button>
                </Link>
              }
            />
          </Card>
        ) : error ? (
          <Card variant="borderless" className="jn-card jn-scan-result jn-scan-bad" data-testid="scan-error">
            <Result
              icon={<CloseCircleFilled />}
              status="error"
              title={<span className="jn-scan-title">{t('scan.failed')}</span>}
              subTitle={
                <Flex vertical gap={6} className="jn-scan-facts">
                  <span className="jn-scan-error-text" data-testid="scan-error-text">
                    {errorText(error, locale, t)}
                  </span>
                  {isApiError(error) ? <span className="jn-small jn-muted">{error.code}</span> : null}
                </Flex>
              }
            />
          </Card>
        ) : (
          <Card variant="borderless" className="jn-card">
            <Result icon={<ScanOutlined />} title={t('scan.ready')} subTitle={t('scan.readyHint')} />
          </Card>
        )}

        {canCamera ? <CameraScanner active={scanning} onActive={setScanning} onText={submit} /> : null}

        <Card variant="borderless" className="jn-card" title={t('scan.pasteTitle')}>
          <Flex vertical gap={12}>
            <Typography.Text type="secondary">{t('scan.pasteHint')}</Typography.Text>
            <Input.TextArea
              value={typed}
              onChange={(e) => setTyped(e.target.value)}
              rows={2}
              maxLength={400}
              placeholder={t('scan.pastePlaceholder')}
              aria-label={t('scan.pasteTitle')}
              data-testid="scan-input"
            />
            <Button
              type="primary"
              size="large"
              block
              disabled={!typed.trim()}
              loading={scan.isPending}
              onClick={() => submit(typed)}
              data-testid="scan-submit"
            >
              {t('scan.submit')}
            </Button>
          </Flex>
        </Card>
      </Flex>
    </PageContainer>
  );
}

/** Progressive: scans with the camera where the browser has BarcodeDetector (Chrome on Android, for one). */
function CameraScanner({ active, onActive, onText }: { active: boolean; onActive: (on: boolean) => void; onText: (text: string) => void }) {
  const t = useT();
  const video = useRef<HTMLVideoElement | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!active) return;
    const Ctor = barcodeDetector();
    if (!Ctor) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    const detector = new Ctor({ formats: ['qr_code'] });
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        await video.current.play().catch(() => undefined);
        const tick = async () => {
          if (stopped || !video.current) return;
          try {
            const codes = await detector.detect(video.current);
            const text = codes[0]?.rawValue;
            if (text) {
              onActive(false);
              onText(text);
              return;
            }
          } catch {
            // a frame that could not be read: try the next one
          }
          timer = window.setTimeout(() => void tick(), 300);
        };
        void tick();
      })
      .catch(() => {
        setProblem(t('scan.cameraDenied'));
        onActive(false);
      });
    return () => {
      stopped = true;
      window.clearTimeout(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [active, onActive, onText, t]);

  return (
    <Card variant="borderless" className="jn-card" title={t('scan.cameraTitle')}>
      <Flex vertical gap={12}>
        {problem ? <Alert type="warning" showIcon title={problem} /> : null}
        {active ? <video ref={video} className="jn-scan-video" muted playsInline /> : null}
        <Button
          size="large"
          block
          icon={active ? <StopOutlined /> : <CameraOutlined />}
          onClick={() => {
            setProblem(null);
            onActive(!active);
          }}
        >
          {active ? t('scan.cameraStop') : t('scan.cameraStart')}
        </Button>
      </Flex>
    </Card>
  );
}
