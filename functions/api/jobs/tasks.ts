/** Registers every scheduled task; imported by the schedule handler and the local runtime. */
