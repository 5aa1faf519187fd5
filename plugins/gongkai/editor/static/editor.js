// The editor's little script: running totals, rows added and removed in place, a filter for
// reference choices. The forms work without it (the buttons then ask the server). It never
// writes into a field the clerk is typing in: Chinese input methods compose text inside the
// field, and a script that rewrites it mid-composition breaks them.
(function () {
  "use strict";

  // Money as whole cents, from what a clerk types: 1,200.50 / １２００．５０ / 1200.5.
  function cents(text) {
    var t = String(text || "").replace(/[\uff01-\uff5e]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    }).replace(/[,，\s¥￥元]/g, "").replace("。", ".");
    if (t === "") return 0;
    var m = /^([-+]?)(\d+)(?:\.(\d{1,2}))?$/.exec(t);
    if (!m) return null;
    var value = parseInt(m[2], 10) * 100 + parseInt(((m[3] || "") + "00").slice(0, 2), 10);
    return m[1] === "-" ? -value : value;
  }

  function yuan(value) {
    if (value === null) return "—";
    var sign = value < 0 ? "-" : "", v = Math.abs(value);
    var whole = String(Math.floor(v / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return sign + whole + "." + String(v % 100).padStart(2, "0");
  }

  function sum(inputs) {
    var total = 0;
    for (var i = 0; i < inputs.length; i++) {
      var c = cents(inputs[i].value);
      if (c === null) return null;
      total += c;
    }
    return total;
  }

  function show(id, value) {
    var out = document.getElementById(id);
    if (out && out.value !== yuan(value)) out.value = yuan(value);
  }

  function direction(input) {
    var row = input.closest("tr");
    var select = row && row.querySelector("select[name$='.direction']");
    return select ? select.value : "";
  }

  function recount(form) {
    var q = function (s) { return Array.prototype.slice.call(form.querySelectorAll(s)); };
    var income = sum(q("input[data-sum=income]")), expense = sum(q("input[data-sum=expense]"));
    show("total-income", income);
    show("total-expense", expense);
    var opening = form.querySelector("input[name=opening_balance]");
    if (opening) {
      var o = cents(opening.value);
      show("expected-closing", o === null || income === null || expense === null ? null : o + income - expense);
    }
    show("total-recipients", sum(q("input[data-sum=recipients]")));
    ["planned", "actual"].forEach(function (column) {
      ["income", "expense"].forEach(function (side) {
        show("total-" + side + "-" + column, sum(q("input[data-sum=" + column + "]").filter(function (input) {
          var d = direction(input);
          return d === side || d === (side === "income" ? "收入" : "支出");
        })));
      });
    });
    q("tr[data-gridrow]").forEach(function (row) {
      var cells = Array.prototype.slice.call(row.querySelectorAll("input"));
      var total = 0, ok = true;
      cells.slice(0, -1).forEach(function (input) {
        var t = input.value.trim();
        if (t === "") return;
        if (!/^\d+$/.test(t)) ok = false; else total += parseInt(t, 10);
      });
      var out = row.querySelector("output[data-rowsum]");
      if (out) out.value = ok ? String(total) : "—";
    });
  }

  function renumber(tbody) {
    Array.prototype.forEach.call(tbody.rows, function (row, i) {
      row.querySelectorAll(".n").forEach(function (n) { n.textContent = String(i + 1); });
    });
  }

  var added = 0;
  function addRow(form, name) {
    var template = form.querySelector("template[data-row-template='" + name + "']");
    var table = form.querySelector("table[data-table='" + name + "']");
    if (!template || !table) return false;
    added += 1;
    var key = "n" + added;
    var html = template.innerHTML
      .split(name + ".new.").join(name + "." + key + ".")
      .split("f-" + name.replace(/\./g, "-") + "-new-").join("f-" + name.replace(/\./g, "-") + "-" + key + "-")
      .split("remove:" + name + ":new").join("remove:" + name + ":" + key)
      .split('data-row="new"').join('data-row="' + key + '"');
    var tbody = table.tBodies[0];
    tbody.insertAdjacentHTML("beforeend", html);
    renumber(tbody);
    var first = tbody.rows[tbody.rows.length - 1].querySelector("input:not([type=hidden]), select");
    if (first) first.focus();
    return true;
  }

  function filterOptions(input) {
    var select = document.getElementById(input.getAttribute("data-filter-for"));
    if (!select) return;
    var words = input.value.trim().toLowerCase();
    Array.prototype.forEach.call(select.options, function (option) {
      option.hidden = words !== "" && option.value !== "" && option.textContent.toLowerCase().indexOf(words) < 0;
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("form.record-form");
    if (!form) return;
    var composing = false;
    form.addEventListener("compositionstart", function () { composing = true; });
    form.addEventListener("compositionend", function (e) {
      composing = false;
      if (e.target.matches("[data-filter-for]")) filterOptions(e.target);
      recount(form);
    });
    form.addEventListener("input", function (e) {
      if (composing || e.isComposing) return;
      if (e.target.matches("[data-filter-for]")) filterOptions(e.target);
      else recount(form);
    });
    form.addEventListener("change", function () { recount(form); });
    form.addEventListener("click", function (e) {
      var button = e.target.closest("button");
      if (!button) return;
      if (button.hasAttribute("data-add-row") && addRow(form, button.getAttribute("data-add-row"))) {
        e.preventDefault();
      } else if (button.hasAttribute("data-remove-row")) {
        var row = button.closest("tr"), tbody = row && row.parentNode;
        if (tbody && tbody.tagName === "TBODY") {
          e.preventDefault();
          row.remove();
          renumber(tbody);
          recount(form);
        }
      }
    });
    recount(form);
  });
})();
