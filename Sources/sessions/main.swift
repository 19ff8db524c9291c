import SessionsCLI

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

exit(await SessionsCommand.run(Array(CommandLine.arguments.dropFirst())))
