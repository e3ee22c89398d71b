// duckdb.cjs DBFILE SQL: runs SQL in DuckDB, prints the first column of the last result.
const { DuckDBInstance } = require('@duckdb/node-api');

(async () => {
	const [db, sql] = process.argv.slice(2);
	const instance = await DuckDBInstance.create(db);
	const con = await instance.connect();
	const reader = await con.runAndReadAll(sql);
	for (const row of reader.getRows())
		console.log(String(row[0]));
	con.closeSync();
	instance.closeSync();
})().catch((e) => {
	console.error(`duckdb.cjs: ${e.message}`);
	process.exit(1);
});
