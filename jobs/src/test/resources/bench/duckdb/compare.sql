-- Reference gold vs c360 gold (exported by Spark as Parquet): rows only in one side, both ways, and row counts.
SELECT (SELECT count(*) FROM (SELECT * FROM ref_${table} EXCEPT ALL SELECT * FROM read_parquet('${parquet}'))),
       (SELECT count(*) FROM (SELECT * FROM read_parquet('${parquet}') EXCEPT ALL SELECT * FROM ref_${table})),
       (SELECT count(*) FROM ref_${table}),
       (SELECT count(*) FROM read_parquet('${parquet}'))
