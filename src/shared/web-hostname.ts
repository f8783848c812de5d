/** The host name of a web page's URL (http or https), or '' for none and for other pages. */
export function webHostname(url: string | undefined): string {
  if (!url || !/^https?:/i.test(url)) return '';
  try {
    // The URL parser lower-cases the host of http(s) URLs.
    return new URL(url).hostname;
  } catch {
    return '';
  }
}
