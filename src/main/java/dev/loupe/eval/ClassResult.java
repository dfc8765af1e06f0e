package dev.loupe.eval;

import java.util.List;

/**
 * COCO metrics of one class (-1 where the class has no ground truth to measure against).
 *
 * @param map       AP averaged over IoU .50:.05:.95 (maxDets 100, all areas)
 * @param recall50  recall at IoU .50 with 100 detections per image
 * @param vocAp50   PASCAL VOC all-point AP at IoU .50
 * @param pr50      precision–recall curve at IoU .50
 * @param bestF1Score the score threshold that maximises F1 at IoU .50
 */
public record ClassResult(String label, int groundTruth, int detections, double map, double ap50, double ap75,
                          double apSmall, double apMedium, double apLarge, double ar1, double ar10, double ar100,
                          double recall50, double vocAp50, List<PrPoint> pr50, double bestF1, double bestF1Score) {
}
