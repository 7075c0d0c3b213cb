-- Load bookkeeping. Rows read = rows loaded + rows rejected, per file, always.
CREATE TABLE etl_batches (
  batch_id      INTEGER PRIMARY KEY,
  source        VARCHAR NOT NULL,   -- staging table name without stg_ (projects, contracts, cloud_billing …)
  file          VARCHAR NOT NULL,   -- path relative to the inbox (projects.xlsx#项目申报 for a sheet)
  sha256        VARCHAR,
  encoding      VARCHAR,            -- utf-8, utf-8-bom, gb18030, xlsx, json, parquet
  rows_read     BIGINT NOT NULL,
  rows_loaded   BIGINT NOT NULL,
  rows_rejected BIGINT NOT NULL,
  status        VARCHAR NOT NULL,   -- loaded / loaded_with_rejects / missing
  message       VARCHAR,
  loaded_at     TIMESTAMP NOT NULL,
  CHECK (rows_read = rows_loaded + rows_rejected)
);

CREATE TABLE etl_rejects (
  file       VARCHAR NOT NULL,
  source     VARCHAR NOT NULL,
  row_number BIGINT NOT NULL,      -- 1-based data row in the file (the header is row 0), or array index + 1 for JSON
  column_name VARCHAR,             -- the header as written in the file (Chinese), NULL when the whole row is bad
  value      VARCHAR,
  reason     VARCHAR NOT NULL      -- plain Chinese
);

-- One row: what this warehouse is. Marts read as_of from here, so they stay pure SQL with no parameters.
CREATE TABLE meta_build (
  as_of       DATE NOT NULL,
  built_at    TIMESTAMP NOT NULL,
  inbox       VARCHAR NOT NULL,
  app_version VARCHAR NOT NULL
);
