using AcrGuard.Commands;

return AcrGuardCli.Run(args, Console.In, Console.OpenStandardOutput(), Console.Error, new(!Console.IsOutputRedirected, !Console.IsErrorRedirected));
