extension CassandraModel {
    /// The typed read API of the materialized view `name` of the bound model.
    ///
    /// ```swift
    /// let found = try await User.view("users_by_email").find(where: ["email": "a@b.c"])
    /// ```
    /// - Parameter name: a view the schema declares in ``ModelSchema/materializedViews``.
    /// - Returns: the view.
    /// - Throws: ``ORMError/Code/modelNotLoaded``, ``ORMError/Code/unknownView``.
    public static func view(_ name: String) throws(ORMError) -> TypedModel<Self>.View {
        try handle.view(name)
    }
}
