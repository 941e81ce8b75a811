import torch
import torchvision.models as models

model = models.mobilenet_v2(weights="DEFAULT")
example = torch.rand(1, 3, 224, 224)
traced = torch.jit.trace(model, example)  # expect: BN201
traced.save("mobilenet.pt")
