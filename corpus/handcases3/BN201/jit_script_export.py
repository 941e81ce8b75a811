import torch
from torchvision.models import shufflenet_v2_x1_0

model = shufflenet_v2_x1_0(num_classes=12)
state = torch.load("checkpoints/best.pth", map_location="cpu")
model.load_state_dict(state["model"])
scripted = torch.jit.script(model)  # expect: BN201
scripted.save("deploy/shufflenet.pt")
