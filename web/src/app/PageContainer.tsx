import { useEffect, type ReactNode } from 'react';
import { Breadcrumb, Flex, Typography } from 'antd';
import { HomeOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useT } from '../i18n';
import { useAuth } from './auth';
import { landingPath } from './nav';
import { useActiveMenuKey } from './layoutContext';

export type Crumb = { title: string; path?: string };

type Props = {
  title: ReactNode;
  /** Plain-text title for the browser tab when `title` is not a string. */
  docTitle?: string;
  subTitle?: ReactNode;
  /** Crumbs between Home and this page. */
  crumbs?: Crumb[];
  extra?: ReactNode;
  /** Menu entry to highlight when the path alone does not say. */
  menuKey?: string;
  /** The landing page itself: the breadcrumb is just "Home". */
  root?: boolean;
  children: ReactNode;
};

/** Breadcrumb, page title (data-testid="page-title"), actions and the page body. */
export function PageContainer({ title, docTitle, subTitle, crumbs = [], extra, menuKey, root, children }: Props) {
  const t = useT();
  const { me } = useAuth();
  useActiveMenuKey(menuKey);

  const plainTitle = docTitle ?? (typeof title === 'string' ? title : undefined);
  const appName = t('app.name');
  useEffect(() => {
    document.title = plainTitle ? `${plainTitle} · ${appName}` : appName;
  }, [plainTitle, appName]);

  const home = me ? landingPath(me) : '/';
  const homeLabel = (
    <>
      <HomeOutlined /> <span>{t('menu.home')}</span>
    </>
  );
  const items = root
    ? [{ key: 'home', title: homeLabel }]
    : [
        { key: 'home', title: <Link to={home}>{homeLabel}</Link> },
        ...crumbs.map((c, i) => ({ key: `c${i}`, title: c.path ? <Link to={c.path}>{c.title}</Link> : c.title })),
        { key: 'current', title: plainTitle ?? title },
      ];

  return (
    <div className="jn-page">
      <div className="jn-page-header">
        <Breadcrumb items={items} className="jn-breadcrumb" />
        <Flex justify="space-between" align="center" wrap gap={12}>
          <div className="jn-page-heading">
            <Typography.Title level={3} className="jn-page-title" data-testid="page-title">
              {title}
            </Typography.Title>
            {subTitle ? <Typography.Text type="secondary">{subTitle}</Typography.Text> : null}
          </div>
          {extra ? <div className="jn-page-extra">{extra}</div> : null}
        </Flex>
      </div>
      <div className="jn-page-body">{children}</div>
    </div>
  );
}
