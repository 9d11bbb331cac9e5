using System.Text;
using Microsoft.EntityFrameworkCore;

namespace OneStop.Workflows.Persistence.Shared;

/// <summary>Gives the domain entities' columns snake_case names (the workflow tables name theirs explicitly).</summary>
internal static class SnakeCaseNames
{
    public static void ApplyToDomainEntities(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("OneStop.Workflows.Domain", StringComparison.Ordinal) == true))
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Snake(property.Name));
            }

            foreach (var complex in entity.GetComplexProperties())
            {
                foreach (var property in complex.ComplexType.GetProperties())
                {
                    property.SetColumnName(Snake(complex.Name + property.Name));
                }
            }
        }
    }

    public static string Snake(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
            {
                text.Append('_');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }
}
