using System.Reflection;
using Aspire.Hosting.ApplicationModel;

namespace Platform.AppHost;

internal static class BuiltOutput
{
    // The configuration the AppHost was built in, and so its project references (Release under ./platform up).
    private static readonly string Configuration =
        typeof(BuiltOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>
    /// Starts the project's built executable directly, from its output folder, instead of through a <c>dotnet run</c>
    /// process per project (about 130 MiB each, and a second or two of start-up). The AppHost builds its project
    /// references, so the output exists; where it does not (another target framework or output path), Aspire's
    /// <c>dotnet run</c> is kept.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithBuiltOutput(this IResourceBuilder<ProjectResource> project)
    {
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var output = Path.Combine(Path.GetDirectoryName(projectPath)!, "bin", Configuration, "net10.0");
        var executable = Path.Combine(output, Path.GetFileNameWithoutExtension(projectPath));
        if (!File.Exists(executable)) return project;
        return project.WithAnnotation(new ExecutableAnnotation { Command = executable, WorkingDirectory = output },
            ResourceAnnotationMutationBehavior.Replace);
    }
}
