/// What the simulator has been told to do and what it has seen.
actor OpenAISimulatorState {
    let apiKey: String?
    var transcript: String
    var description = "A slide titled Quarterly Roadmap: a timeline with three milestones and a pelican logo."
    private var queuedFaults: [SimulatedFault] = []
    private var persistentFault: SimulatedFault?
    private(set) var requests: [SimulatedRequest] = []

    init(apiKey: String?, transcript: String) {
        self.apiKey = apiKey
        self.transcript = transcript
    }

    func enqueue(_ faults: [SimulatedFault]) { queuedFaults.append(contentsOf: faults) }
    func setPersistent(_ fault: SimulatedFault?) { persistentFault = fault }
    func setTranscript(_ text: String) { transcript = text }
    func setDescription(_ text: String) { description = text }

    /// Logs a request and returns the fault it should get, if any.
    func receive(_ request: SimulatedRequest) -> SimulatedFault? {
        requests.append(request)
        if !queuedFaults.isEmpty { return queuedFaults.removeFirst() }
        return persistentFault
    }
}
