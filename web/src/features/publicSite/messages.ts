/** The public disclosure site's messages (§17 定期向社会公开); merged into the zh-CN and en catalogues. */
export const publicSiteZh = {
  'publicSite.title': '信息公开',
} as const satisfies Record<string, string>;

export const publicSiteEn: Readonly<Record<keyof typeof publicSiteZh, string>> = {
  'publicSite.title': 'Public disclosure',
};
