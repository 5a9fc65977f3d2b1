import { AppConfig, localUrl } from '@plenary/config';

/**
 * Where people reach a server of this configuration listening on `port`:
 * PUBLIC_URL, followed by the address the process listens on when that is
 * another (behind a proxy, or a port chosen at start with PORT=0).
 */
export function servedAt(config: Pick<AppConfig, 'host' | 'publicUrl'>, port: number): string {
  const local = localUrl(config.host, port);
  return new URL(local).origin === new URL(config.publicUrl).origin ? config.publicUrl : `${config.publicUrl} (listening on ${local})`;
}
