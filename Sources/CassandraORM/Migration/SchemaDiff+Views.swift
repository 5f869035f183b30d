extension SchemaDiff {
    /// The differences between the views a schema declares and the views of its table.
    /// - Parameters:
    ///   - expected: the declared views.
    ///   - actual: the table's views in `system_schema`.
    /// - Returns: per view name, in order: ``SchemaDifference/viewMissing(name:)``,
    ///   ``SchemaDifference/viewExtra(name:)``, or what changed (selection, key or clustering
    ///   order, `WHERE` clause).
    static func compareViews(expected: [ViewDescription], actual: [ViewDescription]) -> [SchemaDifference] {
        let wanted = Dictionary(uniqueKeysWithValues: expected.map { ($0.name, $0) })
        let existing = Dictionary(uniqueKeysWithValues: actual.map { ($0.name, $0) })
        var differences: [SchemaDifference] = []
        for name in Set(wanted.keys).union(existing.keys).sorted() {
            switch (wanted[name], existing[name]) {
            case (_?, nil): differences.append(.viewMissing(name: name))
            case (nil, _?): differences.append(.viewExtra(name: name))
            case (let wanted?, let existing?): differences += compare(view: wanted, actual: existing)
            case (nil, nil): break
            }
        }
        return differences
    }

    /// What changed in one view. Two `SELECT *` views select the same whatever their base's
    /// columns: the table's own differences cover those.
    private static func compare(view wanted: ViewDescription, actual existing: ViewDescription) -> [SchemaDifference] {
        var differences: [SchemaDifference] = []
        let sameSelection = (wanted.selectsAll && existing.selectsAll)
            || (wanted.selectsAll == existing.selectsAll && Set(wanted.columns.keys) == Set(existing.columns.keys))
        if !sameSelection {
            differences.append(.viewColumnsChanged(name: wanted.name, expected: wanted.selection, actual: existing.selection))
        }
        if wanted.keyText != existing.keyText {
            differences.append(.viewKeyChanged(name: wanted.name, expected: wanted.keyText, actual: existing.keyText))
        } else {
            for column in wanted.key.clustering where wanted.columns[column]!.order != existing.columns[column]!.order {
                differences.append(.viewClusteringOrderChanged(name: wanted.name, column: column, expected: wanted.columns[column]!.order,
                                                               actual: existing.columns[column]!.order))
            }
        }
        if wanted.relations.sorted() != existing.relations.sorted() {
            differences.append(.viewFilterChanged(name: wanted.name, expected: wanted.whereClause, actual: existing.whereClause))
        }
        return differences
    }
}
