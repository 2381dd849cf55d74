/** Advisories per listing page: enough to scan, small enough that a page's size never grows with the site. */
export const PAGE_SIZE = 50;
