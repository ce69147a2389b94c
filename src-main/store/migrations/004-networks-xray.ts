// Migration 4: what a run trained and what it looked like inside while it trained.
//  - run_networks / run_tensors: the trained parameters of an MNIST run (and its BatchNorm running
//    statistics), one row per tensor, as little-endian float32 BLOBs with a CRC-32 like the curve
//    chunks; the architecture they fit is the network row's `config` (src-shared/network.ts).
//  - run_xray / run_xray_samples: the X-ray (src-shared/xray.ts) — its layout once per run, then one
//    float32 BLOB per sampled iteration, appended as they arrive.
// Both hang off `runs` and go with it (ON DELETE CASCADE). Older databases simply have none.
import type { Migration } from './migration.ts';

export const migration004: Migration = {
  version: 4,
  sql: `
    CREATE TABLE run_networks (
      run_id  INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
      config  TEXT    NOT NULL CHECK (json_valid(config) AND json_type(config) = 'object')
    ) STRICT;
    CREATE TABLE run_tensors (
      run_id  INTEGER NOT NULL REFERENCES run_networks (run_id) ON DELETE CASCADE,
      -- W1, b1, gamma1, beta1, runningMean1, runningVar1, …
      name    TEXT    NOT NULL,
      shape   TEXT    NOT NULL CHECK (json_valid(shape) AND json_type(shape) = 'array'),
      data    BLOB    NOT NULL CHECK (length(data) % 4 = 0),  -- little-endian float32 values, row-major
      crc     INTEGER NOT NULL,  -- CRC-32 of data
      PRIMARY KEY (run_id, name)
    ) STRICT, WITHOUT ROWID;

    CREATE TABLE run_xray (
      run_id  INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
      layout  TEXT    NOT NULL CHECK (json_valid(layout) AND json_type(layout) = 'object')
    ) STRICT;
    CREATE TABLE run_xray_samples (
      run_id     INTEGER NOT NULL REFERENCES run_xray (run_id) ON DELETE CASCADE,
      iteration  INTEGER NOT NULL CHECK (iteration >= 0),
      data       BLOB    NOT NULL CHECK (length(data) % 4 = 0),  -- little-endian float32, as the layout says
      crc        INTEGER NOT NULL,
      PRIMARY KEY (run_id, iteration)
    ) STRICT;  -- a rowid table: its ~1 KB rows stay on their page (WITHOUT ROWID spilled each into a 4 KB overflow page)
  `,
};
