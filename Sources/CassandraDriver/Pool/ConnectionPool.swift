/// One node's pool of connections.
///
/// The pool's decisions live in the pure ``ConnectionPool/StateMachine``; the IO shell
/// that opens sockets, runs timers and executes the machine's actions becomes this type
/// when it is written (an `enum` until then, so the namespace is already in place).
enum ConnectionPool {
    /// Identifies a connection within one pool; assigned by the state machine.
    typealias ConnectionID = Int
}
