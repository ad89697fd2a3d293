module.exports = eval("require")("../../cloudformation/template.yaml");
