/**
 * A shield in the site's accent colour, as a data URL: every page has an icon without a request
 * for /favicon.ico (which would log a 404 on every page of a site without one).
 */
export function favicon(colour = '#0550ae'): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><path d="M16 2 4 7v8c0 7.5 5.1 13.4 12 15 6.9-1.6 12-7.5 12-15V7z" fill="${colour}"/></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
