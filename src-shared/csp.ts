// The renderer's Content-Security-Policy, written once. The desktop window allows no network at
// all; the web host's page must also reach its own origin (the API and its event stream). The copy
// the build writes into index.html as a meta tag leaves out frame-ancestors, which browsers ignore
// (with a console error) in a meta tag.

const DIRECTIVES = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self'",
  'connect-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
} as const;

export function contentSecurityPolicy(host: 'electron' | 'web' | 'meta'): string {
  const directives: Record<string, string> = { ...DIRECTIVES, ...(host === 'electron' ? {} : { 'connect-src': "'self'" }) };
  if (host === 'meta') delete directives['frame-ancestors'];
  return Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join('; ');
}
