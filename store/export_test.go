package store

// SecondaryIndexes lists the secondary indexes of the tables imports fill,
// name and definition, for tests outside the package.
func SecondaryIndexes(db *DB) ([]string, error) {
	rows, err := db.read.Query(db.secondaryIndexQuery() + " ORDER BY 1")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return nil, err
		}
		out = append(out, name+": "+def)
	}
	return out, rows.Err()
}
