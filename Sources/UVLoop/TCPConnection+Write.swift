import CLibUV

/// A reusable `uv_write_t` with the arrays it sends and the completions to call afterwards.
///
/// Pooled per connection, so a steady stream of writes allocates nothing here: the arrays keep
/// their capacity between uses.
final class WriteRequest {
    let raw: UnsafeMutablePointer<uv_write_t> = LoopHandle.allocate(uv_write_t.self)
    /// Retained until the write callback, so the bytes libuv points at stay alive.
    var buffers: [[UInt8]] = []
    var completions: [@Sendable (UVError?) -> Void] = []
    /// Total size of `buffers`.
    var byteCount = 0

    deinit {
        LoopHandle.free(raw)
    }

    func reset() {
        buffers.removeAll(keepingCapacity: buffers.capacity <= 1024)
        completions.removeAll(keepingCapacity: completions.capacity <= 1024)
        byteCount = 0
    }
}

extension TCPConnection {
    /// Requests kept for reuse per connection.
    private static let writeRequestPoolLimit = 8

    /// Sends `bytes`.
    ///
    /// Safe from any thread, and never sends from the calling thread:
    /// - on the loop thread the bytes join this connection's batch, which the loop flushes at the
    ///   end of the current iteration, so all frames written in one iteration (for example the
    ///   replies to everything one read delivered) leave in one vectored system call;
    /// - from another thread they join a locked queue that the loop moves into the batch.
    ///
    /// A flush first tries `uv_try_write`; what the kernel does not take goes to `uv_write`.
    /// Order is kept: writes made one after another (by any threads, in a happens-before order)
    /// reach the socket in that order. The array is retained, not copied, until sent.
    /// - Parameters:
    ///   - bytes: the bytes to send.
    ///   - completion: called on the loop thread, never before `write` returns, once the bytes are
    ///     handed to the kernel (`nil`), or with the ``UVError`` that stopped them:
    ///     ``UVError/Code/cancelled`` if the connection closed first.
    public func write(_ bytes: [UInt8], completion: (@Sendable (UVError?) -> Void)? = nil) {
        if eventLoop.inEventLoop {
            addToBatch(byteCount: bytes.count, completion: completion) { $0.append(bytes) }
        } else {
            enqueueFromOtherThread(byteCount: bytes.count, completion: completion) { $0.append(bytes) }
        }
    }

    /// Sends several buffers back to back, as one entry each (`uv_buf_t`) of a vectored write.
    ///
    /// Same rules as ``write(_:completion:)``.
    /// - Parameters:
    ///   - buffers: the buffers, sent in this order.
    ///   - completion: called once for all of `buffers`, as in ``write(_:completion:)``.
    public func write(contentsOf buffers: [[UInt8]], completion: (@Sendable (UVError?) -> Void)? = nil) {
        let byteCount = buffers.reduce(0) { $0 + $1.count }
        if eventLoop.inEventLoop {
            addToBatch(byteCount: byteCount, completion: completion) { $0.append(contentsOf: buffers) }
        } else {
            enqueueFromOtherThread(byteCount: byteCount, completion: completion) { $0.append(contentsOf: buffers) }
        }
    }

    /// Bytes accepted by `write` but not yet handed to the kernel: queued from other threads,
    /// batched on the loop, and in libuv's write queue (`uv_stream_get_write_queue_size`).
    /// Safe from any thread.
    ///
    /// Use it to bound in-flight data: stop producing above a high-water mark and resume from a
    /// write completion once it falls.
    public var pendingWriteBytes: Int {
        lock.withLock { pendingBytes + batchedBytes + libuvQueuedBytes }
    }

    // MARK: - Cross-thread queue

    private func enqueueFromOtherThread(
        byteCount: Int,
        completion: (@Sendable (UVError?) -> Void)?,
        append: (inout [[UInt8]]) -> Void
    ) {
        let shouldSchedule = lock.withLock {
            append(&pendingBuffers)
            if let completion { pendingCompletions.append(completion) }
            pendingBytes += byteCount
            defer { flushScheduled = true }
            return !flushScheduled
        }
        if shouldSchedule && !eventLoop.execute({ self.flushPendingWrites() }) {
            failPendingWrites()
        }
    }

    /// Moves the cross-thread queue into the batch. Runs on the loop thread via `execute`.
    private func flushPendingWrites() {
        lock.withLock { flushScheduled = false }
        addToBatch(byteCount: 0, completion: nil) { _ in }
    }

    /// Completes every queued cross-thread write with ``UVError/Code/cancelled``. Any thread.
    func failPendingWrites() {
        let completions = lock.withLock {
            let completions = pendingCompletions
            pendingBuffers.removeAll()
            pendingCompletions.removeAll()
            pendingBytes = 0
            return completions
        }
        let error = UVError(code: .cancelled, operation: "write", host: host, port: port)
        for completion in completions {
            completion(error)
        }
    }

    // MARK: - Batch

    /// Appends to this iteration's batch, behind anything queued from other threads, and
    /// registers the batch for the end-of-iteration flush. Loop thread only.
    private func addToBatch(
        byteCount: Int,
        completion: (@Sendable (UVError?) -> Void)?,
        append: (inout [[UInt8]]) -> Void
    ) {
        guard state == .open else {
            failPendingWrites()
            if let completion {
                let error = UVError(code: .cancelled, operation: "write", host: host, port: port)
                // Keep "never before `write` returns" even for this error.
                if !eventLoop.execute({ completion(error) }) { completion(error) }
            }
            return
        }
        let batch: WriteRequest
        if let current = self.batch {
            batch = current
        } else {
            batch = dequeueRequest()
            self.batch = batch
            eventLoop.scheduleFlush(of: self)
        }
        lock.withLock {
            if !pendingBuffers.isEmpty || !pendingCompletions.isEmpty {
                batch.buffers.append(contentsOf: pendingBuffers)
                batch.completions.append(contentsOf: pendingCompletions)
                pendingBuffers.removeAll(keepingCapacity: true)
                pendingCompletions.removeAll(keepingCapacity: true)
                batch.byteCount += pendingBytes
                batchedBytes += pendingBytes
                pendingBytes = 0
            }
            batchedBytes += byteCount
        }
        append(&batch.buffers)
        batch.byteCount += byteCount
        if let completion { batch.completions.append(completion) }
        // A large batch leaves now rather than at the end of the iteration, so that the peer
        // starts on it while this iteration goes on producing the rest (a client's requests, a
        // server's responses). Only without completions: they never run inside `write`.
        if batch.byteCount >= Self.earlyFlushBytes && batch.completions.isEmpty { flushBatch() }
    }

    /// The batch size past which a batch is sent at once instead of at the end of the loop
    /// iteration.
    static let earlyFlushBytes = 8 * 1024

    /// Sends the batch; called by the loop at the end of the iteration. Loop thread only.
    func flushBatch() {
        guard let batch else { return }
        self.batch = nil
        lock.withLock { batchedBytes -= batch.byteCount }
        submit(batch)
    }

    /// Fails the unsent batch; called when the handle has closed. Loop thread only.
    func failBatch() {
        lock.withLock {
            batchedBytes = 0
            libuvQueuedBytes = 0
        }
        libuvQueuedBytesSnapshot = 0
        guard let batch else { return }
        self.batch = nil
        complete(batch, error: UVError(code: .cancelled, operation: "write", host: host, port: port))
    }

    // MARK: - Loop side

    private func dequeueRequest() -> WriteRequest {
        writeRequestPool.popLast() ?? WriteRequest()
    }

    private func recycle(_ request: WriteRequest) {
        request.reset()
        if state == .open && writeRequestPool.count < Self.writeRequestPoolLimit {
            writeRequestPool.append(request)
        }
    }

    /// Calls the request's completions, then returns it to the pool. Loop thread only.
    private func complete(_ request: WriteRequest, error: UVError?) {
        for completion in request.completions {
            completion(error)
        }
        recycle(request)
    }

    /// Writes what the kernel takes now and queues the rest in libuv. Loop thread only.
    private func submit(_ request: WriteRequest) {
        guard state == .open else {
            complete(request, error: UVError(code: .cancelled, operation: "write", host: host, port: port))
            return
        }
        let buffers = eventLoop.scratchBuffers(count: request.buffers.count)
        var bufferCount = 0
        var totalBytes = 0
        for bytes in request.buffers where !bytes.isEmpty {
            buffers[bufferCount] = uv_buf_t(base: Self.storageAddress(of: bytes), len: bytes.count)
            bufferCount += 1
            totalBytes += bytes.count
        }
        guard totalBytes > 0 else {
            complete(request, error: nil)
            return
        }
        let tried = Int(uv_try_write(stream, buffers, UInt32(bufferCount)))
        if tried == totalBytes {
            complete(request, error: nil)
            return
        }
        if tried < 0 && tried != Int(UV_EAGAIN.rawValue) {
            fail(request, status: Int32(tried))
            return
        }
        // Skip what the kernel already took, then hand the rest to libuv.
        var first = 0
        var written = max(tried, 0)
        while written > 0 {
            if buffers[first].len <= written {
                written -= buffers[first].len
                first += 1
            } else {
                buffers[first].base += written
                buffers[first].len -= written
                written = 0
            }
        }
        request.raw.pointee.data = Unmanaged.passRetained(request).toOpaque()
        let rc = uv_write(request.raw, stream, buffers + first, UInt32(bufferCount - first)) { raw, status in
            let raw = raw!
            let request = Unmanaged<WriteRequest>.fromOpaque(raw.pointee.data!).takeRetainedValue()
            let stream = UnsafeMutableRawPointer(raw.pointee.handle!).assumingMemoryBound(to: uv_handle_t.self)
            let connection = LoopHandle.owner(of: stream, as: TCPConnection.self)
            connection.writeFinished(request, status: status)
        }
        if rc != 0 {
            Unmanaged.passUnretained(request).release()
            fail(request, status: rc)
            return
        }
        updateQueuedBytes()
    }

    private func writeFinished(_ request: WriteRequest, status: Int32) {
        updateQueuedBytes()
        if status == 0 {
            complete(request, error: nil)
        } else {
            fail(request, status: status)
        }
    }

    /// Completes `request` with the error and closes the connection, unless the error is the
    /// cancellation caused by closing it. Loop thread only.
    private func fail(_ request: WriteRequest, status: Int32) {
        let error = UVError(status, operation: "write", host: host, port: port)
        complete(request, error: error)
        if error.code != .cancelled {
            close(reason: .failed(error))
        }
    }

    /// Publishes libuv's write queue size for ``pendingWriteBytes``; takes the lock only when it
    /// changed. Loop thread only.
    private func updateQueuedBytes() {
        let queued = state == .open ? uv_stream_get_write_queue_size(stream) : 0
        guard queued != libuvQueuedBytesSnapshot else { return }
        libuvQueuedBytesSnapshot = queued
        lock.withLock { libuvQueuedBytes = queued }
    }

    /// The address of a non-empty array's element storage, kept beyond `withUnsafeBufferPointer`.
    ///
    /// Why this escape is sound here: a native `[UInt8]` (every `[UInt8]`; only arrays of class
    /// elements can be lazily bridged) stores its elements in one heap buffer that never moves
    /// while the buffer is alive and unmutated. The caller keeps the array itself in
    /// `WriteRequest.buffers` until libuv's write callback, which holds the buffer alive, and
    /// never mutates it. Copying instead would cost a memcpy of every frame.
    private static func storageAddress(of bytes: [UInt8]) -> UnsafeMutablePointer<CChar> {
        bytes.withUnsafeBufferPointer { buffer in
            UnsafeMutableRawPointer(mutating: buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
        }
    }
}
