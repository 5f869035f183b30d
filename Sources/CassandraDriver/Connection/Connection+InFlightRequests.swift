extension Connection {
    /// The requests of one connection that await a response, by stream id, with their
    /// deadlines in a min-heap so that a periodic sweep finds the expired ones without
    /// scanning (pure: time comes in as arguments).
    ///
    /// A stream is in one of three states while allocated:
    /// - *active*: a caller waits for the response;
    /// - *heartbeat*: the connection's own OPTIONS, nobody waits;
    /// - *orphaned*: the caller gave up (timeout or cancellation) but the server may still
    ///   answer. The id stays taken until that late response arrives, so it can never be
    ///   matched to a newer request. Orphans leave the deadline heap.
    ///
    /// Every operation is O(1) or O(log n) in the number of requests in flight.
    struct InFlightRequests: Sendable, Hashable {
        enum Kind: UInt8, Sendable, Hashable {
            case free, active, heartbeat, orphaned
        }

        private struct Slot: Sendable, Hashable {
            var kind: Kind = .free
            /// ``MonotonicInstant/nanoseconds``; meaningful only while the slot is in the heap.
            var deadline: Int64 = 0
            /// Position in `heap`, or -1 when not in it.
            var heapIndex: Int32 = -1
        }

        private var allocator: StreamIDAllocator
        private var slots: [Slot]
        /// Stream ids ordered by deadline (binary min-heap).
        private var heap: [Int16] = []
        /// How many allocated streams are orphaned.
        private(set) var orphanCount = 0

        /// Creates an empty table.
        /// - Parameter maxInFlight: stream ids available, `1...32768`.
        init(maxInFlight: Int) {
            allocator = StreamIDAllocator(maxInFlight: maxInFlight)
            slots = Array(repeating: Slot(), count: allocator.maxInFlight)
            heap.reserveCapacity(min(allocator.maxInFlight, 4096))
        }

        /// How many ids are available in total.
        var capacity: Int { allocator.maxInFlight }
        /// Allocated ids: active, heartbeat and orphaned.
        var count: Int { allocator.inUseCount }
        /// Whether every id is taken.
        var isFull: Bool { allocator.isExhausted }
        /// Requests whose callers still wait (active only).
        var activeCount: Int { allocator.inUseCount - orphanCount - (heartbeatStream == nil ? 0 : 1) }
        /// The stream of the pending heartbeat, if one is in flight.
        private(set) var heartbeatStream: Int16?

        /// The state of `stream`; ``Kind/free`` for ids out of range.
        func kind(of stream: Int16) -> Kind {
            guard stream >= 0, Int(stream) < slots.count else { return .free }
            return slots[Int(stream)].kind
        }

        /// Takes a stream for a request due by `deadline`.
        /// - Returns: the stream id, or `nil` when every id is taken.
        mutating func insert(_ kind: Kind, deadline: MonotonicInstant) -> Int16? {
            guard let stream = allocator.allocate() else { return nil }
            slots[Int(stream)].kind = kind
            slots[Int(stream)].deadline = deadline.nanoseconds
            if kind == .heartbeat { heartbeatStream = stream }
            heapPush(stream)
            return stream
        }

        /// Releases `stream` after its response arrived.
        /// - Returns: the kind it had; ``Kind/free`` when it was not allocated.
        mutating func remove(_ stream: Int16) -> Kind {
            let kind = self.kind(of: stream)
            switch kind {
            case .free:
                return .free
            case .orphaned:
                orphanCount -= 1
            case .heartbeat:
                heartbeatStream = nil
                heapRemove(stream)
            case .active:
                heapRemove(stream)
            }
            slots[Int(stream)].kind = .free
            allocator.release(stream)
            return kind
        }

        /// Marks an active request as abandoned by its caller; its id stays taken until the
        /// late response arrives.
        /// - Returns: whether `stream` was active.
        mutating func orphan(_ stream: Int16) -> Bool {
            guard kind(of: stream) == .active else { return false }
            heapRemove(stream)
            slots[Int(stream)].kind = .orphaned
            orphanCount += 1
            return true
        }

        /// The earliest deadline among active requests and the heartbeat.
        var earliestDeadline: MonotonicInstant? {
            guard let first = heap.first else { return nil }
            return MonotonicInstant(nanoseconds: slots[Int(first)].deadline)
        }

        /// Orphans every active request (and the heartbeat) whose deadline is at or before `now`.
        /// - Returns: the expired streams, earliest first; the heartbeat is included.
        mutating func expire(now: MonotonicInstant) -> [Int16] {
            var expired: [Int16] = []
            let now = now.nanoseconds
            while let top = heap.first, slots[Int(top)].deadline <= now {
                expired.append(top)
                if slots[Int(top)].kind == .heartbeat {
                    heartbeatStream = nil
                }
                heapRemove(top)
                slots[Int(top)].kind = .orphaned
                orphanCount += 1
            }
            return expired
        }

        /// Every allocated stream that a caller waits for, for failing them all on close.
        var activeStreams: [Int16] {
            (0..<slots.count).compactMap { slots[$0].kind == .active ? Int16($0) : nil }
        }

        // MARK: Heap

        private mutating func heapPush(_ stream: Int16) {
            heap.append(stream)
            slots[Int(stream)].heapIndex = Int32(heap.count - 1)
            siftUp(heap.count - 1)
        }

        private mutating func heapRemove(_ stream: Int16) {
            let index = Int(slots[Int(stream)].heapIndex)
            guard index >= 0 else { return }
            slots[Int(stream)].heapIndex = -1
            let last = heap.removeLast()
            guard index < heap.count else { return }
            heap[index] = last
            slots[Int(last)].heapIndex = Int32(index)
            siftDown(index)
            siftUp(index)
        }

        private func less(_ a: Int, _ b: Int) -> Bool {
            slots[Int(heap[a])].deadline < slots[Int(heap[b])].deadline
        }

        private mutating func swapAt(_ a: Int, _ b: Int) {
            heap.swapAt(a, b)
            slots[Int(heap[a])].heapIndex = Int32(a)
            slots[Int(heap[b])].heapIndex = Int32(b)
        }

        private mutating func siftUp(_ start: Int) {
            var index = start
            while index > 0 {
                let parent = (index - 1) / 2
                guard less(index, parent) else { return }
                swapAt(index, parent)
                index = parent
            }
        }

        private mutating func siftDown(_ start: Int) {
            var index = start
            while true {
                let left = 2 * index + 1
                guard left < heap.count else { return }
                var smallest = left
                if left + 1 < heap.count && less(left + 1, left) { smallest = left + 1 }
                guard less(smallest, index) else { return }
                swapAt(index, smallest)
                index = smallest
            }
        }
    }
}
