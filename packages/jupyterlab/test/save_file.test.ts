import { describe, expect, it } from 'vitest';

import { writeServerFile } from '../src/save_file.js';
import { serverRelativePath } from '../src/server_path.js';

describe('serverRelativePath', () => {
  it('names a file inside the server root as the contents API does', () => {
    expect(serverRelativePath('/srv/lab/notes/fig.png', '/srv/lab', '/home/u')).toBe(
      'notes/fig.png'
    );
    expect(serverRelativePath('/srv/lab/fig.png', '/srv/lab/', '/home/u')).toBe('fig.png');
    expect(serverRelativePath('/home/u/work/fig.svg', '~/work', '/home/u')).toBe('fig.svg');
    expect(serverRelativePath('C:\\lab\\fig.png', 'C:\\lab', 'C:\\Users\\u')).toBe('fig.png');
  });

  it('refuses files outside the root, and look-alike prefixes', () => {
    expect(serverRelativePath('/tmp/fig.png', '/srv/lab', '/home/u')).toBeNull();
    expect(serverRelativePath('/srv/laboratory/fig.png', '/srv/lab', '/home/u')).toBeNull();
    expect(serverRelativePath('/srv/lab/fig.png', '', '/home/u')).toBeNull();
  });
});

describe('writeServerFile', () => {
  it('writes a partial file and renames it, so nothing half-written is ever at the path', async () => {
    const calls: [string, string, string | undefined][] = [];
    const ok = { ok: true, status: 200, statusText: 'OK' };
    await writeServerFile('figs/a.png', Uint8Array.from([137, 80, 78, 71]), (path, init) => {
      calls.push([init.method, path, init.body]);
      return Promise.resolve(ok);
    });
    expect(calls.map(([method, path]) => [method, path])).toEqual([
      ['PUT', 'figs/a.png.layerviz-partial'],
      ['PATCH', 'figs/a.png.layerviz-partial']
    ]);
    expect(JSON.parse(calls[0]?.[2] ?? '{}')).toEqual({
      type: 'file',
      format: 'base64',
      content: btoa(String.fromCharCode(137, 80, 78, 71))
    });
    expect(JSON.parse(calls[1]?.[2] ?? '{}')).toEqual({ path: 'figs/a.png' });
  });

  it('leaves a file another view wrote first, and reports a refusal', async () => {
    const methods: string[] = [];
    await writeServerFile('a.png', new Uint8Array(1), (_path, init) => {
      methods.push(init.method);
      const conflict = init.method === 'PATCH';
      return Promise.resolve({ ok: !conflict, status: conflict ? 409 : 200, statusText: '' });
    });
    expect(methods).toEqual(['PUT', 'PATCH', 'DELETE']);
    await expect(
      writeServerFile('a.png', new Uint8Array(1), () =>
        Promise.resolve({ ok: false, status: 403, statusText: 'Forbidden' })
      )
    ).rejects.toThrow('the server refused to write a.png: 403 Forbidden');
  });
});
