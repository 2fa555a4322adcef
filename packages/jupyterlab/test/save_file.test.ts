import { describe, expect, it } from 'vitest';

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
