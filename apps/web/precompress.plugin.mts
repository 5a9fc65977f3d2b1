import { readdir, readFile, writeFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Logger, Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text formats worth compressing; images and fonts are compressed already. */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.xml', '.webmanifest', '.wasm']);

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

/**
 * Writes `<file>.br` and `<file>.gz` beside every compressible file of the
 * build, each only when smaller than the file itself, so that the server
 * sends them as they are (brotli at its highest quality costs seconds per
 * megabyte: too slow on every request, fine once per build).
 */
export function precompress(): Plugin {
  let logger: Logger | undefined;
  return {
    name: 'plenary:precompress',
    apply: 'build',
    configResolved(config) {
      logger = config.logger;
    },
    async writeBundle(options) {
      if (!options.dir) return;
      const dir = options.dir;
      const files = (await filesUnder(dir)).filter((file) => COMPRESSIBLE.has(extname(file)));
      let before = 0;
      let after = 0;
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(content, {
              params: {
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }),
            gzipAsync(content, { level: constants.Z_BEST_COMPRESSION }),
          ]);
          if (br.length < content.length) await writeFile(`${file}.br`, br);
          if (gz.length < content.length) await writeFile(`${file}.gz`, gz);
          before += content.length;
          after += Math.min(br.length, content.length);
        }),
      );
      const size = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
      logger?.info(`precompressed ${files.length} files under ${relative(process.cwd(), dir) || '.'}: ${size(before)} → ${size(after)} with brotli`);
    },
  };
}
