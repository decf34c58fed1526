using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;
using PortailFamille.Domain.Common;

namespace PortailFamille.Web.Infrastructure;

/// <summary>
/// What every form and every address goes through before a page sees it, so that no page has to
/// defend itself against input that no browser of a family would send:
/// <list type="bullet">
/// <item>text is cleaned of control characters (<see cref="Text.CleanInput"/>); a property or
/// parameter marked <c>[DataType(DataType.MultilineText)]</c> (a textarea) keeps its line breaks;</item>
/// <item>a yes/no field (a checkbox) reads anything but "true" as no, so that the page shown
/// again never meets a value that a checkbox cannot show;</item>
/// <item>a bound list never holds a null element (a list index naming no field, an empty value
/// in a list of texts): such elements are dropped;</item>
/// <item>a request that no handler of the page takes is answered 405 (no handler for that verb)
/// or 400 (an unknown <c>handler</c>), instead of showing a page that loaded nothing.</item>
/// </list>
/// </summary>
public static class InputGuards
{
    public static void Apply(MvcOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.ModelBinderProviders.Insert(0, new CleanTextBinderProvider());
        options.ModelBinderProviders.Insert(0, new CheckboxBinderProvider());
        options.ModelBinderProviders.Insert(0, new NullFreeListBinderProvider());
        options.Filters.Add(new HandlerRequiredFilter());
    }

    private sealed class CleanTextBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(string)
                ? new CleanTextBinder(
                    new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()),
                    context.Metadata.DataTypeName == nameof(DataType.MultilineText))
                : null;
    }

    private sealed class CleanTextBinder(IModelBinder inner, bool multiline) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string text })
            {
                bindingContext.Result = ModelBindingResult.Success(Text.CleanInput(text, multiline));
            }
        }
    }

    private sealed class CheckboxBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(bool) || context.Metadata.ModelType == typeof(bool?)
                ? new CheckboxBinder(context.Metadata.ModelType == typeof(bool?))
                : null;
    }

    private sealed class CheckboxBinder(bool nullable) : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var values = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (values == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            // A ticked checkbox sends "true" before its hidden "false".
            bool? value = bool.TryParse(values.FirstValue?.Trim(), out var read) ? read : nullable ? null : false;
            var shown = value is { } v ? (v ? "true" : "false") : string.Empty;
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, shown, shown);
            bindingContext.Result = ModelBindingResult.Success(value);
            return Task.CompletedTask;
        }
    }

    private sealed class NullFreeListBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = context.Metadata.ModelType;
            if (type == typeof(string) || !context.Metadata.IsEnumerableType || context.Metadata.ElementType is not { } element
                || (element.IsValueType && Nullable.GetUnderlyingType(element) is null) || typeof(IFormFile).IsAssignableFrom(element))
            {
                return null;
            }

            var inner = type.IsArray
                ? new ArrayModelBinderProvider().GetBinder(context)
                : new CollectionModelBinderProvider().GetBinder(context);
            return inner is null ? null : new NullFreeListBinder(inner);
        }
    }

    private sealed class NullFreeListBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            switch (bindingContext.Result.Model)
            {
                case Array array when array.Cast<object?>().Any(e => e is null):
                    var kept = array.Cast<object?>().Where(e => e is not null).ToArray();
                    var copy = Array.CreateInstance(array.GetType().GetElementType()!, kept.Length);
                    Array.Copy(kept, copy, kept.Length);
                    bindingContext.Result = ModelBindingResult.Success(copy);
                    break;
                case IList { IsReadOnly: false, IsFixedSize: false } list:
                    for (var i = list.Count - 1; i >= 0; i--)
                    {
                        if (list[i] is null)
                        {
                            list.RemoveAt(i);
                        }
                    }

                    break;
            }
        }
    }

    private sealed class HandlerRequiredFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var request = context.HttpContext.Request;
            var reading = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
            var handlers = context.ActionDescriptor.HandlerMethods;
            // The error pages are shown again for the request that failed, whatever its verb.
            var errorPage = context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || context.HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
            if (context.HandlerMethod is not null || errorPage || (reading && handlers.Count == 0))
            {
                return next();
            }

            var verbs = handlers.Select(h => h.HttpMethod.ToUpperInvariant()).Distinct().ToList();
            if (verbs.Count == 0)
            {
                verbs.Add(HttpMethods.Get);
            }

            if (verbs.Contains(request.Method.ToUpperInvariant()))
            {
                context.Result = new BadRequestResult();
            }
            else
            {
                context.HttpContext.Response.Headers.Allow = string.Join(", ", verbs);
                context.Result = new StatusCodeResult(StatusCodes.Status405MethodNotAllowed);
            }

            return Task.CompletedTask;
        }
    }
}
