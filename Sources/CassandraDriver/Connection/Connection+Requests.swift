import CQLProtocol

extension Connection {
    /// Sends one request frame and waits for its response frame.
    ///
    /// - Parameters:
    ///   - frame: a complete request frame from ``frameEncoder``, encoded with stream id 0; the
    ///     connection patches in the real id. Pass the only reference (for example
    ///     `(consume buffer).bytes`) so that the patch does not copy.
    ///   - deadline: when to give up waiting (the request may still be applied).
    /// - Returns: the response frame; decode it with `decodeResponse()` in the caller's task.
    /// - Throws: ``CassandraError`` with ``CassandraError/Code/requestTimeout``,
    ///   ``CassandraError/Code/connectionClosed``, ``CassandraError/Code/cancelled`` or
    ///   ``CassandraError/Code/shutdown``.
    @inline(never)
    nonisolated(nonsending) func send(_ frame: consuming [UInt8], deadline: MonotonicInstant) async throws -> Frame {
        if Task.isCancelled { throw Self.cancelledError.adding(node: node, statement: nil) }
        let sequence = nextSequence()
        var pending: [UInt8]? = consume frame
        requestStarted()
        defer { requestFinished() }
        return try await withTaskCancellationHandler {
            try await withUnsafeThrowingContinuation { (continuation: ResponseContinuation) in
                enqueue(request: Request(bytes: pending.take()!, deadline: deadline, sequence: sequence,
                                         continuation: continuation),
                        cancellation: nil)
            }
        } onCancel: {
            enqueue(request: nil, cancellation: sequence)
        }
    }

    /// The periodic sweep: timeouts, heartbeat, expired waiters. Loop only.
    func tick() {
        let now = MonotonicInstant.now
        if hasReadSinceTick {
            hasReadSinceTick = false
            machine.readReceived(now: now)
        }
        for action in machine.timerFired(now: now) {
            switch action {
            case .failTimedOut(let stream):
                let continuation = continuations[Int(stream)]
                continuations[Int(stream)] = nil
                continuation?.resume(throwing: timeoutError())
            case .sendHeartbeat(let stream):
                var buffer = CQLBuffer(capacity: 16)
                try? frameEncoder.encode(.options, stream: stream, into: &buffer)
                pendingWrites.append((consume buffer).bytes)
            case .close(let error):
                closeOnLoop(error.adding(node: node, statement: nil))
            }
        }
        for request in waiters.removeExpired(now: now) {
            request.continuation.resume(throwing: timeoutError())
        }
        if !pendingWrites.isEmpty {
            socket.write(contentsOf: pendingWrites)
            pendingWrites.removeAll(keepingCapacity: true)
        }
    }

    private func timeoutError() -> CassandraError {
        CassandraError(.requestTimeout, "no response from \(node) before the request timeout; the request may still be applied",
                       node: node)
    }

    /// Resumes the request with `sequence` with a cancellation error. Loop only.
    ///
    /// A linear scan: cancellation is rare, and indexing by sequence would cost every request.
    func cancel(sequence: UInt64) {
        for stream in continuations.indices where continuations[stream] != nil && sequences[stream] == sequence {
            if case .failCancelled = machine.requestCancelled(stream: Int16(stream)) {
                let continuation = continuations[stream]
                continuations[stream] = nil
                continuation?.resume(throwing: Self.cancelledError.adding(node: node, statement: nil))
            }
            return
        }
        if let request = waiters.remove(sequence: sequence) {
            request.continuation.resume(throwing: Self.cancelledError.adding(node: node, statement: nil))
            return
        }
        // Either it already completed or its submission is still on its way: remember it for a
        // while. Bounded, because most of these are cancellations of completed requests.
        earlyCancellations.append(sequence)
        if earlyCancellations.count > 64 { earlyCancellations.removeFirst() }
    }
}

extension Connection {
    /// A FIFO of requests waiting for a free stream id. Loop only.
    struct RequestQueue {
        private var storage: [Request] = []
        private var head = 0

        var isEmpty: Bool { head == storage.count }
        var count: Int { storage.count - head }

        mutating func append(_ request: Request) {
            storage.append(request)
        }

        mutating func popFirst() -> Request? {
            guard head < storage.count else { return nil }
            let request = storage[head]
            head += 1
            if head == storage.count {
                storage.removeAll(keepingCapacity: true)
                head = 0
            } else if head >= 1024 && head * 2 >= storage.count {
                storage.removeFirst(head)
                head = 0
            }
            return request
        }

        mutating func remove(sequence: UInt64) -> Request? {
            guard let index = storage[head...].firstIndex(where: { $0.sequence == sequence }) else { return nil }
            return storage.remove(at: index)
        }

        mutating func removeExpired(now: MonotonicInstant) -> [Request] {
            guard !isEmpty, storage[head...].contains(where: { $0.deadline <= now }) else { return [] }
            let live = storage[head...]
            let expired = live.filter { $0.deadline <= now }
            storage = live.filter { $0.deadline > now }
            head = 0
            return expired
        }
    }
}
