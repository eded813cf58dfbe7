using System.Xml.Linq;
using Platform.ServiceDefaults.Model;

namespace Platform.K8sTests;

/// <summary>The SDK container settings of each project build the images the manifests deploy, as a non-root user.</summary>
public sealed class K8sContainerImageTests
{
    [Theory]
    [MemberData(nameof(K8sManifestTests.Overlays), MemberType = typeof(K8sManifestTests))]
    public void Each_project_publishes_the_image_its_Deployment_runs_as_a_non_root_user(string overlay)
    {
        var m = RenderedManifests.For(overlay);
        var problems = new List<string>();
        foreach (var process in ConfigurationContract.Processes)
        {
            var project = XDocument.Load(Path.Combine(RenderedManifests.RepositoryRoot, PlatformModel.Get(process).Project));
            string? Property(string name) => project.Descendants(name).Select(e => e.Value.Trim()).LastOrDefault();
            var repository = Property("ContainerRepository");
            var tags = Property("ContainerImageTags")?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
            var user = Property("ContainerUser");
            if (repository is null || tags.Length == 0) { problems.Add($"{process}: no ContainerRepository or ContainerImageTags."); continue; }

            var pod = m.App(process).Spec.Template.Spec;
            var image = pod.Containers.Single().Image;
            var lastSlash = image.LastIndexOf('/');
            var colon = image.LastIndexOf(':');
            var (name, tag) = (image[..colon], image[(colon + 1)..]);
            if (name != repository && !name.EndsWith($"/{repository}", StringComparison.Ordinal)) problems.Add($"{process}: deploys {name}, the project publishes {repository}.");
            if (!tags.Contains(tag)) problems.Add($"{process}: deploys tag {tag}, the project publishes {string.Join(", ", tags)}.");
            if (lastSlash < 0) problems.Add($"{process}: image {image} has no repository path.");

            if (!long.TryParse(user, out var uid) || uid == 0) problems.Add($"{process}: ContainerUser '{user}' is not a numeric non-root user.");
            else if (pod.SecurityContext?.RunAsUser != uid) problems.Add($"{process}: the pod runs as {pod.SecurityContext?.RunAsUser}, the image as {uid}.");
            if (!project.Descendants("ContainerPort").Any(p => (string?)p.Attribute("Include") == ConfigurationContract.HttpPort.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                problems.Add($"{process}: the image does not declare port {ConfigurationContract.HttpPort}.");
        }
        Assert.Empty(problems);
    }
}
